/**
 * Messages between the embedded target's host (embedded-target-host.ts, in the CLI's process) and
 * its child process (embedded-target-child.ts). Plain data only: it crosses the IPC channel.
 */
import type { Issue } from '../errors.js';
import type { ModelOverrides, ParsedModel } from '../model/parse-model-params.js';

/** How to start the target. */
export interface EmbeddedTargetOptions {
  platform: 'on-demand' | 'lmi';
  /** The profile's `model:` block (validated in the child; errors come back as ProfileError). */
  modelBlock?: unknown;
  overrides?: ModelOverrides;
  /** Seed of the model's random draws (default: time-based). */
  seed?: number;
  /** Port on 127.0.0.1 (default 0: any free port). */
  port?: number;
  /** Host interface (default 127.0.0.1). */
  host?: string;
  /** Label of the model block's origin, for error messages (default "model"). */
  source?: string;
  /** Tenant-isolated functions: the tenant id arrives in this header or query parameter. */
  tenants?: TenantCarrier;
}

/** Where the embedded target reads the tenant id, and how many tenants the profile has. */
export interface TenantCarrier {
  count: number;
  kind: 'header' | 'query';
  /** Header name (lower-case) or query parameter name. */
  name: string;
}

/**
 * What the child starts from: the model block already validated by the host (so the child loads
 * no validation code), and the options it serves with.
 */
export interface ChildStart {
  model: ParsedModel;
  seed?: number;
  port?: number;
  host?: string;
  tenants?: TenantCarrier;
}

/** Host -> child. */
export type HostMessage =
  | { type: 'start'; start: ChildStart }
  | { type: 'query'; id: number; what: 'series' | 'parameters' | 'cpu' | 'state' | 'durable' }
  | { type: 'stop' };

/** Child -> host. */
export type ChildMessage =
  | { type: 'ready'; url: string }
  | { type: 'failed'; message: string; source?: string; issues?: Issue[] }
  | { type: 'answer'; id: number; value: unknown };
