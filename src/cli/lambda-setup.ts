/**
 * lambdaSetup: what `run` and `simulate` make of a profile that sends Lambda Invokes (a
 * `lambda:FUNCTION[:QUALIFIER]` target, or requests with `invoke:`): the profile with every
 * Invoke resolved to its HTTP request (src/mix/invoke-request.ts), and where the Invokes go:
 * - `lambda:` target: the Lambda endpoint (AWS_ENDPOINT_URL_LAMBDA, AWS_ENDPOINT_URL, else
 *   https://lambda.{region}.amazonaws.com), signed with the default credential chain;
 * - an http(s) target: that URL is the Invoke endpoint (a local emulator), default chain too;
 * - no target: the embedded notes API's Invoke endpoint, signed with fixed local credentials
 *   (never the user's: they are not needed there and must not leave for a local server).
 * Problems are ProfileErrors (exit 2) with every path named; nothing is sent before. Pure apart
 * from reading `env`.
 */
import { ProfileError, UsageError } from '../errors.js';
import type { CredentialProvider } from '../generator/aws-credentials.js';
import { lambdaEndpoint, resolveInvokes } from '../mix/invoke-request.js';
import { isLambdaTarget, parseLambdaTarget, type LambdaTarget } from '../profile/lambda-target.js';
import type { Profile } from '../profile/types.js';

export interface LambdaSetup {
  profile: Profile;
  /** Whether the profile sends Invokes. */
  invokes: boolean;
  /** The distinct functions invoked. */
  functions: string[];
  /** The Invoke endpoint of a `lambda:` target (undefined otherwise). */
  endpoint?: string;
  /** Credentials to sign with instead of the default chain (the embedded target's). */
  provider?: CredentialProvider;
}

/** Region the embedded target's Invokes are signed for when none is configured. */
const EMBEDDED_REGION = 'us-east-1';

/** The fixed credentials the embedded target's Invokes are signed with (any are accepted). */
export const embeddedCredentials: CredentialProvider = () =>
  Promise.resolve({ accessKeyId: 'FLASHCROWDEMBEDDED', secretAccessKey: 'embedded-target' });

/**
 * lambdaSetup resolves the Invokes of `profile` against `target` (the --target flag or the
 * profile's target, as written; undefined = the embedded target); `where` names it in messages.
 */
export function lambdaSetup(
  profile: Profile,
  target: string | undefined,
  where: string,
  env: Record<string, string | undefined>,
): LambdaSetup {
  let lambda: LambdaTarget | undefined;
  if (isLambdaTarget(target)) {
    const parsed = parseLambdaTarget(target as string);
    if ('error' in parsed) throw new UsageError(`${where}: ${parsed.error}`);
    lambda = parsed;
  }
  const resolved = resolveInvokes(profile, lambda);
  if (resolved.issues.length > 0) throw new ProfileError(profile.source, resolved.issues);
  if (!resolved.invokes) return { profile, invokes: false, functions: [] };
  const setup: LambdaSetup = {
    profile: resolved.profile,
    invokes: true,
    functions: resolved.functions,
  };
  const auth = resolved.profile.auth;
  if (target === undefined && auth) {
    setup.provider = embeddedCredentials;
    setup.profile = { ...setup.profile, auth: { ...auth, region: auth.region ?? EMBEDDED_REGION } };
  }
  if (lambda !== undefined && auth) {
    const region = auth.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
    const own = env.AWS_ENDPOINT_URL_LAMBDA || env.AWS_ENDPOINT_URL;
    if (!own && region === undefined)
      throw new UsageError(
        `${where}: a lambda: target needs a region for https://lambda.{region}.amazonaws.com: ` +
          `set aws.region in ${profile.source} or AWS_REGION (or AWS_ENDPOINT_URL for a local endpoint)`,
      );
    setup.endpoint = lambdaEndpoint(env, region ?? '');
    if (region !== undefined) setup.profile = { ...setup.profile, auth: { ...auth, region } };
  }
  return setup;
}

/**
 * simulatedInvokes: simulate's view of the Invokes: the profile's own target (simulate takes no
 * --target) resolved as lambdaSetup does, without an endpoint or credentials (nothing is sent).
 */
export function simulatedInvokes(profile: Profile): Profile {
  let lambda: LambdaTarget | undefined;
  if (isLambdaTarget(profile.target)) {
    const parsed = parseLambdaTarget(profile.target as string);
    if ('error' in parsed)
      throw new ProfileError(profile.source, [{ path: 'target', message: parsed.error }]);
    lambda = parsed;
  }
  const resolved = resolveInvokes(profile, lambda);
  if (resolved.issues.length > 0) throw new ProfileError(profile.source, resolved.issues);
  return resolved.profile;
}

/**
 * checkModelledFunctions: for simulate, a ProfileError (exit 2) naming every Invoke whose
 * function the model does not have (the path is `target` when the function is the target's);
 * `known` lists the model's functions.
 */
export function checkModelledFunctions(profile: Profile, known: readonly string[]): void {
  const target = profile.target;
  const issues = profile.requests.flatMap((r, i) => {
    const fn = r.invoke?.function;
    if (fn === undefined || known.includes(fn)) return [];
    const own = profile.requests[i].flow;
    const at = own ? `flows[${own.flowIndex}].steps[${own.stepIndex}]` : `requests[${i}]`;
    const path =
      target === `lambda:${fn}` || target?.startsWith(`lambda:${fn}:`) === true
        ? 'target'
        : `${at}.invoke.function`;
    return [
      {
        path,
        message: `the model has no function "${fn}"`,
        hint: `modelled functions: ${known.join(', ')} (model.routes.<route>.function names them)`,
      },
    ];
  });
  const unique = issues.filter((x, i) => issues.findIndex((y) => y.path === x.path) === i);
  if (unique.length > 0) throw new ProfileError(profile.source, unique);
}
