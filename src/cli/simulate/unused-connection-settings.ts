import { isLambdaTarget } from '../../profile/lambda-target.js';
import { redactUrl } from '../../profile/redact-url.js';
import type { Profile } from '../../profile/types.js';

/**
 * A profile serves run and simulate alike; what only a run's connections read (an HTTP target,
 * TLS, HTTP/2, SigV4 signing) is said once, not silently dropped.
 */
export function unusedConnectionSettings(profile: Profile): string[] {
  const unused = [
    // A lambda: target names the function the Invokes go to, which the model serves.
    profile.target !== undefined && !isLambdaTarget(profile.target)
      ? `target (${redactUrl(profile.target)})`
      : undefined,
    profile.tls !== undefined ? 'tls' : undefined,
    profile.http2 ? 'http2' : undefined,
    profile.auth !== undefined ? 'auth' : undefined,
  ].filter((field): field is string => field !== undefined);
  return unused.length === 0
    ? []
    : [
        `simulate replays the profile through the model: its ${unused.join(', ')} ${unused.length === 1 ? 'is' : 'are'} for run, not used here`,
      ];
}
