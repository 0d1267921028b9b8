/**
 * targetCredentials: a target URL written with `user:password@` (on --target or in the profile's
 * `target:`). The credentials are sent as HTTP Basic auth (an `authorization` header on every
 * request, which run.json stores as `[redacted]`), and the URL keeps no userinfo, so neither the
 * record, the reports nor any printed line holds the password. Pure; throws UsageError (exit 2)
 * when the profile already sends its own authorization or signs requests.
 */
import { UsageError } from '../../errors.js';
import { redactUrl, userinfoOf, withoutUserinfo } from '../../profile/redact-url.js';
import { literalTemplate } from '../../profile/template.js';
import type { Profile } from '../../profile/types.js';

/** The URL to send to and the profile to send with (unchanged when the URL has no userinfo). */
export function targetCredentials(
  target: string,
  profile: Profile,
  where: string,
): { url: string; profile: Profile } {
  const userinfo = userinfoOf(target);
  if (userinfo === undefined) return { url: target, profile };
  const shown = redactUrl(target);
  const hint =
    'leave the credentials out of the URL and send a header instead, e.g. ' +
    'headers: { authorization: "Basic {{env.TARGET_BASIC_AUTH}}" }';
  if (profile.auth)
    throw new UsageError(
      `${where} ${shown}: a user:password cannot be combined with auth (${hint})`,
    );
  const own = [profile.headers, ...profile.requests.map((r) => r.headers)].some((h) =>
    Object.keys(h).some((name) => name.toLowerCase() === 'authorization'),
  );
  if (own)
    throw new UsageError(
      `${where} ${shown}: holds a user:password, and the profile sends its own authorization header (${hint})`,
    );
  const colon = userinfo.indexOf(':');
  const user = decode(colon < 0 ? userinfo : userinfo.slice(0, colon));
  const password = colon < 0 ? '' : decode(userinfo.slice(colon + 1));
  const basic = Buffer.from(`${user}:${password}`, 'utf8').toString('base64');
  return {
    url: withoutUserinfo(target),
    profile: {
      ...profile,
      ...(profile.target !== undefined ? { target: withoutUserinfo(profile.target) } : {}),
      headers: { ...profile.headers, authorization: literalTemplate(`Basic ${basic}`) },
    },
  };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
