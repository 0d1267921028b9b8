/**
 * tenantIsolation: what the embedded target and simulate need from the profile's `tenants:` block
 * (the model keys environments by tenant). Tenant isolation is modelled on on-demand Lambda only:
 * `tenants` with platform lmi is a profile error (exit 2), never silently ignored.
 */
import { ProfileError } from '../errors.js';
import type { TenantCarrier } from '../notes-api/embedded-target-protocol.js';
import type { Profile } from '../profile/types.js';

export function tenantIsolation(
  profile: Profile,
  platform: 'on-demand' | 'lmi',
): TenantCarrier | undefined {
  const t = profile.tenants;
  if (t === undefined) return undefined;
  if (platform === 'lmi')
    throw new ProfileError(profile.source, [
      {
        path: 'tenants',
        message:
          'tenant isolation is modelled on on-demand Lambda only: remove tenants or use --platform on-demand',
      },
    ]);
  return { count: t.count, kind: t.carrier.kind, name: t.carrier.name };
}
