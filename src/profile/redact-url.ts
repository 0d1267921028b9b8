/**
 * redactUrl: a URL (or URL template) as it may be stored or printed: the userinfo
 * (`user:password@`) and the values of query parameters that look like secrets (`token`, `key`,
 * `secret`, `password`, `signature`, `auth`, `credential`, `X-Amz-*`, ...) replaced by
 * `[redacted]`. A value that is itself a `{{...}}` template (`?token={{env.TOKEN}}`) is kept: the
 * secret it stands for is never resolved in stored text. Pure string work, so it applies to
 * templates and to text that does not parse as a URL. Never throws.
 */
/** Placeholder stored in place of a secret. */
export const REDACTED = '[redacted]';

/** Query parameter names whose values are secrets (case-insensitive). */
const SECRET_PARAM =
  /^(x-amz-.*|.*(token|secret|passw(or)?d|pwd|signature|sig|credential|auth|api[-_]?key|access[-_]?key|private[-_]?key)|key|code|session)$/i;

/** `scheme://userinfo@`: the userinfo is everything between `//` and `@` before the host's end. */
const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*)@/i;

/** userinfoOf: the `user:password` of an absolute URL, or undefined when it has none. */
export function userinfoOf(url: string): string | undefined {
  return USERINFO.exec(url)?.[2];
}

/** withoutUserinfo: the URL with its `user:password@` removed (nothing else changes). */
export function withoutUserinfo(url: string): string {
  return url.replace(USERINFO, '$1');
}

/** redactUrl: see the file comment. */
export function redactUrl(url: string): string {
  const noUser = url.replace(USERINFO, `$1${REDACTED}@`);
  const q = noUser.indexOf('?');
  if (q < 0) return noUser;
  const hash = noUser.indexOf('#', q);
  const end = hash < 0 ? noUser.length : hash;
  const query = noUser
    .slice(q + 1, end)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      const name = safeDecode(pair.slice(0, eq));
      const value = pair.slice(eq + 1);
      if (!SECRET_PARAM.test(name) || value === '' || /^\{\{[^}]*\}\}$/.test(value)) return pair;
      return `${pair.slice(0, eq)}=${REDACTED}`;
    })
    .join('&');
  return `${noUser.slice(0, q + 1)}${query}${noUser.slice(end)}`;
}

/** redactText: every `scheme://...` URL inside free text (a command line argument) redacted. */
export function redactText(text: string): string {
  return text.replace(/[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]*/gi, (url) => redactUrl(url));
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
