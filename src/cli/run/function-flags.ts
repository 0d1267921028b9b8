/**
 * `--function REQUEST=FUNCTION`: each names a request of the profile (checkFunctionFlags), and the
 * mappings are kept in the profile's `aws.functions`, so the record carries them (withFunctionFlags).
 */
import { UsageError } from '../../errors.js';
import { didYouMean } from '../../profile/did-you-mean.js';
import type { Profile } from '../../profile/types.js';

/** The profile with `--function` mappings added to `aws.functions` (the flags win). */
export function withFunctionFlags(
  profile: Profile,
  flagFunctions: Record<string, string>,
): Profile {
  if (Object.keys(flagFunctions).length === 0) return profile;
  const aws = profile.aws ?? { functions: {} };
  return { ...profile, aws: { ...aws, functions: { ...aws.functions, ...flagFunctions } } };
}

/** checkFunctionFlags: every `--function req=fn` names a request of the profile (as aws.functions must). */
export function checkFunctionFlags(profile: Profile, flagFunctions: Record<string, string>): void {
  const names = profile.requests.map((request) => request.name);
  for (const request of Object.keys(flagFunctions)) {
    if (names.includes(request)) continue;
    const hint = didYouMean(request, names) ?? `requests: ${names.join(', ')}`;
    throw new UsageError(
      `--function ${request}=${flagFunctions[request]}: no request is named "${request}" (${hint})`,
    );
  }
}
