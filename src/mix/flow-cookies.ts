/**
 * FlowCookies: the cookie jar of one flow instance, with tough-cookie (RFC 6265: domain, path,
 * expiry, Secure and HttpOnly rules, as browsers apply them), created only when a reply first
 * sets a cookie so that flows without cookies pay nothing. tough-cookie itself is loaded then too
 * (synchronously, once a thread): its import costs about 200 ms, which every worker would
 * otherwise pay at start. Not thread-safe: one per instance.
 */
import { createRequire } from 'node:module';
import type * as ToughCookieModule from 'tough-cookie';
import type { CookieJar } from 'tough-cookie';

type ToughCookie = typeof ToughCookieModule;
let toughCookie: ToughCookie | undefined;

function newJar(): CookieJar {
  toughCookie ??= createRequire(import.meta.url)('tough-cookie') as ToughCookie;
  return new toughCookie.CookieJar();
}

export class FlowCookies {
  private jar: CookieJar | null = null;

  /** store keeps every `set-cookie` value of a reply to `url` (malformed ones are ignored). */
  store(url: string, setCookies: readonly string[]): void {
    if (setCookies.length === 0) return;
    this.jar ??= newJar();
    for (const value of setCookies) this.jar.setCookieSync(value, url, { ignoreError: true });
  }

  /** header returns the `cookie` header for a request to `url`, or '' when none applies. */
  header(url: string): string {
    return this.jar === null ? '' : this.jar.getCookieStringSync(url);
  }
}
