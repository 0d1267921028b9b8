/**
 * WorkerEngine: everything one worker thread does, apart from talking to its parent: build the
 * sender and the pacing loop from the WorkerConfig, report closed windows about once a second, and
 * on stop (or at the schedule's end) drain in-flight requests and hand over its statistics.
 * Messages go out through the `post` function; the worker entry wires it to `parentPort`.
 */
import { RequestRecorder } from '../recorder/request-recorder.js';
import { ArrivalCursor } from '../schedule/arrival-cursor.js';
import { arrivalSlot, shardShare, WHOLE_RUN } from '../schedule/shard-split.js';
import { createRandom } from '../random/seeded-random.js';
import { scheduleSeconds } from '../schedule/phase-timeline.js';
import { peakRate } from '../schedule/rate-at.js';
import { ClosedLoop } from './closed-loop.js';
import { OpenLoop } from './open-loop.js';
import { prepareRequests } from '../mix/prepared-request.js';
import type { FromWorker, LiveCounters, WorkerConfig } from './protocol.js';
import { FlowRunner } from './flow-runner.js';
import { MixRunner } from './mix-runner.js';
import { RequestSender } from './request-sender.js';
import { warmUpCodePaths, warmUpRequestCount } from './warm-up.js';
import type { AwsCredentials } from './aws-credentials.js';
import { SigV4Signer } from './sigv4-signer.js';
import { TenantPicker } from '../mix/tenant-picker.js';
import { TenantRecorder } from '../recorder/tenant-recorder.js';
import { DurableRecorder } from '../recorder/durable-recorder.js';
import { DurableRunner } from './durable-runner.js';
import { GET_DURABLE_EXECUTION_PER_SEC, pollShare } from '../mix/durable-poll-pacer.js';
import { createTransport } from './create-transport.js';
import type { Transport } from './transport.js';
import { transportClient } from './transport-settings.js';

/** How often closed windows and live counters go to the coordinator. */
const TICK_MS = 250;
/** How often a drain checks whether the requests in flight are done. */
const DRAIN_POLL_MS = 10;

export class WorkerEngine {
  private readonly recorder: RequestRecorder;
  private readonly tenantRecorder: TenantRecorder | undefined;
  private readonly sender: RequestSender;
  private readonly flows: FlowRunner;
  private readonly mix: MixRunner;
  private readonly loop: OpenLoop | ClosedLoop;
  private startPerfMs = 0;
  private tickTimer: NodeJS.Timeout | null = null;
  private lastLivePost = 0;
  private finishing = false;
  /** When the drain gives up on the requests still in flight (performance.now() ms). */
  private drainDeadline = Infinity;
  private readonly scheduleEndSecond: number;
  private readonly signer: SigV4Signer | undefined;
  private readonly durable:
    { runner: DurableRunner; recorder: DurableRecorder; transport: Transport } | undefined;

  constructor(
    private readonly config: WorkerConfig,
    private readonly post: (message: FromWorker) => void,
  ) {
    const { profile, phases, workerIndex, workerCount } = config;
    const shard = config.shard ?? WHOLE_RUN;
    // This worker's arrivals (and seed) are those of worker `slot` of a run of all shards' workers.
    const slot = arrivalSlot(shard, workerIndex, workerCount);
    this.scheduleEndSecond = scheduleSeconds(phases);
    this.recorder = new RequestRecorder(
      profile.requests.length,
      phases.length,
      profile.flows.length,
      profile.requests.some((r) => r.invoke !== undefined),
    );
    const now = () => performance.now() - this.startPerfMs;
    const sigv4 = config.transportSettings?.sigv4;
    if (sigv4 && !config.credentials) throw new Error('aws-sigv4 signing needs credentials');
    this.signer = sigv4 && config.credentials && new SigV4Signer(sigv4, config.credentials);
    const requests = prepareRequests(profile, config.targetUrl, config.env, config.timeoutMs);
    const seed = config.seed * 7919 + slot.workerIndex + 1;
    const random = createRandom(seed);
    this.tenantRecorder = profile.tenants && new TenantRecorder(profile.tenants);
    this.durable = this.createDurable(requests, now);
    const durable = this.durable;
    this.sender = new RequestSender({
      requests,
      recorder: this.recorder,
      random,
      env: config.env,
      maxInFlight: config.maxInFlight,
      ...(config.connections !== undefined ? { connections: config.connections } : {}),
      timeoutMs: config.timeoutMs,
      now,
      onWarning: (message) => this.post({ type: 'warning', message }),
      maxLatenessMs: config.maxLatenessMs,
      transportSettings: config.transportSettings,
      signer: this.signer,
      // A flow's durable step waits for its execution's end: the FlowRunner's listener says so.
      ...(durable
        ? {
            onDurableStart: (request, plannedMs, reply, scope) =>
              durable.runner.onStartReply(
                request,
                plannedMs,
                reply,
                scope ? this.flows.durableListener(scope) : undefined,
              ),
          }
        : {}),
      ...(profile.tenants && this.tenantRecorder
        ? {
            tenants: {
              picker: new TenantPicker(profile.tenants, seed),
              recorder: this.tenantRecorder,
            },
          }
        : {}),
    });
    this.flows = new FlowRunner({
      flows: profile.flows,
      requests,
      sender: this.sender,
      tally: this.recorder.flows,
      random,
      env: config.env,
      now,
    });
    this.mix = new MixRunner(
      this.sender,
      this.flows,
      profile.flows,
      requests,
      random,
      config.maxInFlight,
    );
    // At the schedule's end flow instances may run to their last step, within the drain grace.
    const onEnd = () => this.drainUntil(performance.now() + config.drainGraceMs);
    this.loop =
      profile.load.model === 'closed'
        ? new ClosedLoop(
            phases,
            (u) => shardShare(u, shard, workerIndex, workerCount),
            profile.load.thinkTimeMs,
            this.mix,
            now,
            onEnd,
          )
        : new OpenLoop(
            new ArrivalCursor(phases, {
              arrivals: profile.load.arrivals,
              seed: config.seed,
              ...slot,
            }),
            this.mix,
            now,
            onEnd,
            config.maxLatenessMs,
          );
  }

  /**
   * createDurable: with `durable:` requests, the recorder and runner that follow their executions,
   * polling through a transport of their own (a few connections, signed like the rest).
   */
  private createDurable(
    requests: ReturnType<typeof prepareRequests>,
    now: () => number,
  ): WorkerEngine['durable'] {
    const modes = new Set(requests.flatMap((r) => (r.durable ? [r.durable.poll.mode] : [])));
    if (modes.size === 0) return undefined;
    const { workerIndex, workerCount, timeoutMs, transportSettings, targetUrl } = this.config;
    const shard = this.config.shard ?? WHOLE_RUN;
    const share = pollShare(
      pollShare(GET_DURABLE_EXECUTION_PER_SEC, shard.index, shard.count),
      workerIndex,
      workerCount,
    );
    const recorder = new DurableRecorder(
      modes.size > 1 ? 'mixed' : modes.has('status') ? 'status' : 'cloudwatch',
      share,
    );
    const transport = createTransport({
      connections: 4,
      connectTimeoutMs: timeoutMs,
      settings: transportSettings,
      signer: this.signer,
    });
    const runner = new DurableRunner({
      requests,
      recorder,
      transport,
      targetUrl,
      sharePerSec: share,
      timeoutMs,
      now,
    });
    return { runner, recorder, transport };
  }

  /**
   * prepare opens connections before the start (static origins only): with `--connections`, this
   * worker's share of them; else its share of the peak rate times an assumed 50 ms reply, plus
   * two, capped by the in-flight share and 256.
   */
  async prepare(): Promise<void> {
    const { phases, maxInFlight, targetUrl, profile, connections } = this.config;
    // Every shard's workers together (N·W): this worker's share of the peak and of the users.
    const { workerCount } = arrivalSlot(this.config.shard ?? WHOLE_RUN, 0, this.config.workerCount);
    const perWorkerPeak = peakRate(phases) / workerCount;
    const users =
      profile.load.model === 'closed'
        ? Math.max(0, ...phases.map((p) => ('users' in p ? p.users : 0))) / workerCount
        : 0;
    const wanted = Math.ceil(Math.max(perWorkerPeak * 0.05, users)) + 2;
    const count = connections ?? Math.min(wanted, maxInFlight, 256);
    const origins = profile.requests.some((r) => !r.url) ? [new URL(targetUrl).origin] : [];
    await this.sender.prewarm(origins, count);
    const client = transportClient(this.config.transportSettings);
    await warmUpCodePaths(warmUpRequestCount(perWorkerPeak, client), 32, client);
  }

  /** start begins at the shared start instant (epoch ms). */
  start(startEpochMs: number): void {
    this.startPerfMs = startEpochMs - performance.timeOrigin;
    const delay = Math.max(0, startEpochMs - (performance.timeOrigin + performance.now()));
    setTimeout(() => this.loop.start(), delay);
    this.tickTimer = setInterval(() => this.tick(), TICK_MS);
  }

  /** updateCredentials signs every later request with refreshed credentials. */
  updateCredentials(credentials: AwsCredentials): void {
    this.signer?.update(credentials);
  }

  /**
   * stop sends nothing more and waits for the requests in flight for at most `graceMs` of wall
   * time from now; a drain already under way (the schedule ended) ends no later than that.
   * What is still in flight then is booked as aborted. Safe to call again: the earliest bound wins.
   */
  stop(graceMs: number): void {
    this.flows.stop(); // a stop (Ctrl-C) ends running flow instances now
    this.drainUntil(performance.now() + graceMs);
  }

  /** abort ends the drain now: every request in flight is booked as aborted, then `done`. */
  abort(): void {
    this.flows.stop();
    this.drainUntil(performance.now());
  }

  private drainUntil(deadlinePerfMs: number): void {
    this.drainDeadline = Math.min(this.drainDeadline, deadlinePerfMs);
    void this.drain();
  }

  private nowMs(): number {
    return performance.now() - this.startPerfMs;
  }

  private live(): LiveCounters {
    return { totals: this.recorder.total.toTotals(), inFlight: this.mix.inFlight };
  }

  private tick(): void {
    const nowMs = Math.min(this.nowMs(), this.scheduleEndSecond * 1000);
    const windows = this.recorder.takeClosedWindows(nowMs);
    const due = performance.now() - this.lastLivePost >= 1000;
    if (windows.length === 0 && !due) return;
    this.lastLivePost = performance.now();
    this.post({ type: 'tick', windows, live: this.live() });
  }

  private async drain(): Promise<void> {
    if (this.finishing) return;
    this.finishing = true;
    this.loop.stop();
    while (
      (this.mix.inFlight > 0 ||
        this.sender.pending > 0 ||
        (this.durable?.runner.active ?? 0) > 0) &&
      performance.now() < this.drainDeadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, DRAIN_POLL_MS));
    }
    this.flows.stop();
    if (this.sender.pending > 0) this.sender.abandonAll();
    // Executions still followed when the run ends count as running; their polls are cut.
    this.durable?.runner.stop();
    await this.durable?.transport.close();
    if (this.tickTimer) clearInterval(this.tickTimer);
    const untilSecond = Math.min(Math.ceil(this.nowMs() / 1000), this.scheduleEndSecond) - 1;
    const windows = this.recorder.takeClosedWindows(this.nowMs(), true, untilSecond);
    await this.sender.close();
    const data = this.recorder.toData();
    if (this.tenantRecorder) data.tenants = this.tenantRecorder.toData();
    if (this.durable) data.durable = this.durable.recorder.toData();
    this.post({ type: 'done', windows, data, live: this.live() });
  }
}
