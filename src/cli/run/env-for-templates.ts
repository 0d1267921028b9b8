/**
 * envForTemplates: the environment variables that the profile's `{{env.NAME}}` templates read,
 * and only those, so workers get the secrets they need and nothing else of the environment.
 */
import { profileTemplates } from '../../profile/profile-templates.js';
import type { Profile } from '../../profile/types.js';

export function envForTemplates(
  profile: Profile,
  env: Record<string, string | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { template } of profileTemplates(profile)) {
    for (const part of template.parts) {
      if (part.kind === 'env' && env[part.name] !== undefined) out[part.name] = env[part.name]!;
    }
  }
  return out;
}
