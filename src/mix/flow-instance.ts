/**
 * FlowInstance: the state of one run of a flow (one iteration): its variables, its cookie jar,
 * the step it is at, and whether anything failed. Engine-neutral (the generator and simulate each
 * drive it): `build` renders a step with the instance's variables and cookies, `onReply` takes a
 * step's reply. With profile `tenants:` the instance carries the one tenant drawn when it started
 * (`tenantRank`): its engine sends every step with it. Not thread-safe: one per instance.
 */
import type { FlowSpec } from '../profile/types.js';
import type { SeededRandom } from '../random/seeded-random.js';
import { FlowCookies } from './flow-cookies.js';
import { FlowVariables } from './flow-variables.js';
import type { BuiltRequest, PreparedRequest } from './prepared-request.js';
import type { RenderContext } from './render-template.js';
import type { ReplyView } from './reply-view.js';
import { durableStepFails, type DurableStepEnd } from './durable-step-end.js';

export class FlowInstance {
  /** Index into flow.steps of the step to send next. */
  stepIndex = 0;
  /** A check failed, or a request got a 5xx or no reply. */
  failed = false;
  readonly variables = new FlowVariables();
  private readonly cookies = new FlowCookies();
  private readonly ctx: RenderContext;
  /** URL of the step last built (the one whose reply comes next), for its cookies. */
  private lastUrl = '';

  constructor(
    readonly flowIndex: number,
    readonly flow: FlowSpec,
    /** When the first step was planned (ms since the start): the instance's duration counts from it. */
    readonly startMs: number,
    random: SeededRandom,
    env: Record<string, string>,
    /**
     * The tenant (rank 1..count, see TenantPicker) drawn when the instance started, carried by
     * every step; 0 without profile `tenants:`.
     */
    readonly tenantRank = 0,
  ) {
    this.ctx = { random, captures: this.variables, env, chosen: new Map(), consume: false };
  }

  /** The captured values the last build used (simulate matches routes with them). */
  get chosen(): ReadonlyMap<string, string | undefined> {
    return this.ctx.chosen;
  }

  /** The request-table index of the next step; undefined once every step was sent. */
  get nextRequest(): number | undefined {
    return this.flow.steps[this.stepIndex];
  }

  /** ready tells whether the instance has every variable `request` reads. */
  ready(request: PreparedRequest): boolean {
    return this.variables.has(request.needs);
  }

  /** build renders `request` with this instance's variables and adds its cookies. */
  build(request: PreparedRequest): BuiltRequest {
    this.ctx.chosen.clear();
    const built = request.build(this.ctx);
    this.lastUrl = built.origin + (built.options.path ?? '/');
    const cookie = this.cookies.header(this.lastUrl);
    if (cookie === '') return built;
    // A static request's BuiltRequest is shared: add the cookie to a copy, never to it.
    const headers = [...((built.options.headers as string[] | null) ?? []), 'cookie', cookie];
    return { ...built, options: { ...built.options, headers } };
  }

  /**
   * onReply takes the reply of the step last built (valid during the call only): its captures
   * become variables, its cookies go into the jar, a failed check, 5xx or error marks the
   * instance failed. Moves on to the next step.
   */
  onReply(request: PreparedRequest, reply: ReplyView, failedChecks: number): void {
    if (failedChecks > 0 || reply.errorCode !== null || reply.status >= 500) this.failed = true;
    request.captures.read(reply, (name, value) => this.variables.set(name, value));
    this.cookies.store(this.lastUrl, reply.headerValues('set-cookie'));
    this.stepIndex++;
  }

  /**
   * durableEnded takes how the durable step just replied to ended (its engine waited for it
   * before the think time and the next step): a non-succeeded end marks the instance failed
   * (durableStepFails). Call once per durable step, after onReply.
   */
  durableEnded(end: DurableStepEnd): void {
    if (durableStepFails(end)) this.failed = true;
  }
}
