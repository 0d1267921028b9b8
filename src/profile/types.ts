/**
 * The normalized profile: what parseProfile returns after schema validation, defaults and
 * cross-field rules. Every duration is in milliseconds, every rate in requests per second.
 * Plain data only (it crosses into worker threads with structured clone).
 */

/** One load phase; phases run one after another. */
export type Phase =
  | { kind: 'constant'; durationMs: number; ratePerSec: number }
  /** Linear ramp of the arrival rate; `fromPerSec` is the previous phase's final rate (0 first). */
  | { kind: 'ramp'; durationMs: number; fromPerSec: number; toPerSec: number }
  /** `ratePerSec` for `widthMs` at the start of every `everyMs`, `basePerSec` otherwise. */
  | {
      kind: 'pulses';
      durationMs: number;
      everyMs: number;
      widthMs: number;
      ratePerSec: number;
      basePerSec: number;
    }
  /**
   * rate(t) = mean × (1 + trendPerHour × t_h) × (1 + (peakToMean − 1) × sin(2πt / period)),
   * times seeded multiplicative noise of relative size `noise` (0 = none).
   */
  | {
      kind: 'wave';
      durationMs: number;
      meanPerSec: number;
      peakToMean: number;
      periodMs: number;
      trendPerHour: number;
      noise: number;
    }
  /** A recorded rate series, held constant between points; already scaled and loaded. */
  | {
      kind: 'trace';
      durationMs: number;
      source: string;
      points: Array<[tMs: number, ratePerSec: number]>;
    }
  /** Closed model: `users` virtual users, each waiting `thinkTimeMs` between requests. */
  | { kind: 'users'; durationMs: number; users: number };

/** A parsed `{{...}}` template: literal text and placeholders, in order. */
export type TemplatePart =
  | { kind: 'text'; text: string }
  | { kind: 'uuid' }
  | { kind: 'int'; min: number; max: number }
  | { kind: 'words'; count: number }
  | { kind: 'text-lorem'; length: number }
  | { kind: 'env'; name: string }
  | { kind: 'var'; name: string };

export interface Template {
  /** The source text, for messages and the resolved profile in run.json. */
  source: string;
  parts: TemplatePart[];
  /** Captured variables this template reads (`{{noteId}}`). */
  vars: string[];
}

/** A JSON body whose string leaves may be templates. */
export type JsonTemplate =
  null | boolean | number | Template | JsonTemplate[] | { [key: string]: JsonTemplate };

/** One status rule of `expect.status`: an exact code, or a class (2 = 2xx). */
export type StatusRule = { code: number } | { klass: number };

/**
 * The response checks of a request (`expect:`). Plain data (crosses threads); the regular
 * expressions are kept as source and flags and compiled by src/mix/response-check.ts.
 */
export interface ExpectSpec {
  status?: StatusRule[];
  /** Header name (lower case) and its exact value or pattern. */
  headers: Array<{ name: string; equals?: string; pattern?: { source: string; flags: string } }>;
  /** JSONPath and the value it must have, or `exists`. */
  json: Array<{ path: string; exists: boolean; equals?: string | number | boolean | null }>;
  bodyContains?: string;
  /** The reply must arrive within this long of the planned send time. */
  withinMs?: number;
}

/** Where a captured value comes from in a reply. */
export type CaptureSpec =
  | { from: 'json'; path: string }
  | { from: 'header'; name: string }
  | { from: 'regex'; source: string; group: number };

/** Where a request of the request table comes from when it is a step of a flow. */
export interface StepOrigin {
  flow: string;
  step: string;
  flowIndex: number;
  stepIndex: number;
  /** Pause after this step's reply before the next step (ms). */
  thinkMs: number;
}

/** One flow: a weighted, ordered list of steps run by one flow instance (a user's iteration). */
export interface FlowSpec {
  name: string;
  weight: number;
  /** Indexes into Profile.requests of the steps, in order. */
  steps: number[];
}

/**
 * One request of the request table: a request of the weighted `requests:` mix, or a step of a
 * flow (then `flow` is set and `weight` is 0: steps are never picked by the request mix).
 */
export interface RequestSpec {
  name: string;
  /** Relative weight in the mix (default 1). */
  weight: number;
  method: string;
  /** Path template, appended to the target base URL, unless `url` is set. */
  path: Template;
  /** Absolute URL template (e.g. one Lambda Function URL per function); overrides target + path. */
  url?: Template;
  headers: Record<string, Template>;
  json?: JsonTemplate;
  body?: Template;
  /**
   * Variable name -> where its value is in the reply. For `requests:` values go into a pool shared
   * by the worker; for a flow step they are the flow instance's own variables.
   */
  capture: Record<string, CaptureSpec>;
  /** Response checks; absent when the request has none. */
  expect?: ExpectSpec;
  /** Set when this request is a step of a flow. */
  flow?: StepOrigin;
  /** Name of the request that produces the variables this one needs (resolved by the rules). */
  producer?: string;
  /**
   * A Lambda Invoke (`invoke:`, or any request under a `lambda:` target): `function` is absent
   * until the target supplies it (src/mix/invoke-request.ts resolves and builds it).
   */
  invoke?: InvokeSpec;
  /**
   * Set for a `durable:` request: the request itself is the Invoke that starts the execution
   * (method, path and headers filled in by normalize-durable.ts); this says how to follow it.
   */
  durable?: DurableSpec;
}

/** One request's Lambda Invoke (https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html). */
export interface InvokeSpec {
  function?: string;
  qualifier?: string;
  type: 'RequestResponse' | 'Event';
}

/** How a durable request's execution is followed (see src/profile/durable-schema.ts). */
export interface DurableSpec {
  /** Function name, without the qualifier. */
  function: string;
  qualifier?: string;
  poll: { mode: 'status'; everyMs: number; timeoutMs: number } | { mode: 'cloudwatch' };
}

/** A parsed gate expression: `<metric>[.<aggregate>][{label=value}] <op> <number>[unit]`. */
export interface GateSpec {
  expr: string;
  /** e.g. `http.p99`, `lambda.throttles`, `lmi.cpu_utilization`. */
  metric: string;
  /** avg, max, min, sum, or a percentile `pNN` (`p95`, `p99.9`) of the per-second series. */
  aggregate?: string;
  labels: Record<string, string>;
  op: '<' | '<=' | '>' | '>=' | '==' | '!=';
  /** Threshold in the metric's base unit: fractions for rates (`1%` -> 0.01), ms for times. */
  threshold: number;
  abortOnFail: boolean;
  /** With abortOnFail: evaluate only after this long into the run. */
  delayMs: number;
}

export interface AwsSpec {
  region?: string;
  /** Request name -> Lambda function name (optionally `name:qualifier`). */
  functions: Record<string, string>;
  capacityProvider?: string;
  apiGateway?: { restApiName?: string; httpApiId?: string; stage?: string };
  /**
   * Functions started by the profile's `durable:` requests (set by `run`/`collect`, not written):
   * the collector asks CloudWatch for their durable metrics too.
   */
  durableFunctions?: string[];
}

export interface Profile {
  name: string;
  description?: string;
  /** Where the profile came from (file path), for messages. */
  source: string;
  /** Base URL from the profile (`target:`); `--target` overrides. */
  target?: string;
  load: {
    model: 'open' | 'closed';
    maxInFlight: number;
    arrivals: 'uniform' | 'poisson';
    /** Closed model only: pause between a user's requests. */
    thinkTimeMs: number;
    /** Open model: arrivals later than this (ms) are dropped and counted as dropped.late. */
    maxLatenessMs: number;
    phases: Phase[];
  };
  /**
   * The request table: the `requests:` mix first (in order), then every flow's steps, flow by
   * flow. Every table, label and gate `{request=...}` uses these names; a step's is `flow.step`.
   */
  requests: RequestSpec[];
  /** Flows (`flows:`); empty when the profile has none. */
  flows: FlowSpec[];
  headers: Record<string, Template>;
  gates: GateSpec[];
  aws?: AwsSpec;
  auth?: { type: 'aws-sigv4'; service: string; region?: string };
  /** TLS options; file paths are absolute (resolved against the profile's folder). */
  tls?: { ca?: string; cert?: string; key?: string; servername?: string; insecure: boolean };
  /** Offer HTTP/2 to https:// origins (absent: no). */
  http2?: boolean;
  /** Tenant ids drawn per arrival (see tenants-schema.ts). */
  tenants?: TenantsSpec;
  /** Scaling-model overrides (validated by src/model, not here). */
  model?: Record<string, unknown>;
  /** Default platform for the embedded target and simulate. */
  platform: 'on-demand' | 'lmi';
  seed?: number;
}

/** The `tenants:` block, normalized: exactly one of header or query carries the id. */
export interface TenantsSpec {
  count: number;
  distribution: 'zipf' | 'uniform';
  /** Zipf exponent (ignored for uniform). */
  s: number;
  /** Where the id goes: a header name (lower-case) or a query parameter name. */
  carrier: { kind: 'header' | 'query'; name: string };
}
