// Lambda Invoke cost on the client: requests per CPU-second of this process, two ways of sending
// the same Invoke (POST /2015-03-31/functions/notes-list/invocations, a small templated JSON
// payload, SigV4-signed for service lambda) to the embedded notes API's Invoke endpoint on
// 127.0.0.1 (started in a child process, so its CPU is not counted):
//   generator: flashcrowd's hot path (prepared request render, SigV4Signer, the generator's undici
//              transport), closed loop at --concurrency;
//   sdk:       one @aws-sdk/client-lambda InvokeCommand per request, same concurrency.
// CPU is process.cpuUsage of this process (user + system) over the measured requests only.
// Run after `npm run build`:
//   node bench/invoke.mjs [--requests 20000] [--concurrency 64] [--json]
// Prints req per CPU-s of each and the ratio generator / sdk; --json prints them as one object.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};

if (args.includes('--serve')) await serve();
else await main();

/** The child: the embedded notes server with fast routes and no throttles, on 127.0.0.1:0. */
async function serve() {
  const { createNotesServer } = await import('../dist/notes-api/notes-server.js');
  const { createPlatformModel } = await import('../dist/model/platform-model.js');
  const { parseModelParams } = await import('../dist/model/parse-model-params.js');
  const routes = [
    'create',
    'read',
    'update',
    'delete',
    'list',
    'encrypt',
    'decrypt',
    'sentiment',
    'summarize',
  ];
  const params = parseModelParams({
    routes: Object.fromEntries(routes.map((r) => [r, { serviceTime: '1ms' }])),
    onDemand: { coldStart: '1ms', accountConcurrency: 100000, requestsPerSecPerConcurrency: 1000 },
  });
  const clock = () => performance.timeOrigin + performance.now();
  const model = createPlatformModel(params, {
    startMs: clock(),
    random: Math.random,
    retentionSec: 60,
  });
  const server = createNotesServer(model, clock);
  const url = await server.listen(0);
  process.send?.({ url });
  process.on('disconnect', () => void server.close().then(() => process.exit(0)));
}

async function main() {
  const requests = opt('--requests', 20_000);
  const concurrency = opt('--concurrency', 64);
  const asJson = args.includes('--json');
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], { stdio: 'inherit' });
  const url = await new Promise((resolve) => child.once('message', (m) => resolve(m.url)));
  const credentials = { accessKeyId: 'AKIDBENCHMARK', secretAccessKey: 'bench-secret' };
  try {
    const generator = await generatorSender(url, credentials, concurrency);
    const sdk = await sdkSender(url, credentials, concurrency);
    // Warm both (JIT, connections), then measure each over `requests`.
    await generator(Math.min(2000, requests));
    await sdk(Math.min(2000, requests));
    const results = {
      generatorReqPerCpuSec: Math.round(await measure(generator, requests)),
      sdkReqPerCpuSec: Math.round(await measure(sdk, requests)),
    };
    results.ratio = Number((results.generatorReqPerCpuSec / results.sdkReqPerCpuSec).toFixed(2));
    if (asJson) console.log(JSON.stringify(results));
    else {
      console.log(
        `generator (undici + SigV4Signer): ${results.generatorReqPerCpuSec} req per CPU-s`,
      );
      console.log(`sdk (InvokeCommand per request):  ${results.sdkReqPerCpuSec} req per CPU-s`);
      console.log(`ratio generator / sdk: ${results.ratio}`);
    }
  } finally {
    child.disconnect();
  }
}

/** Runs `send(n)` and returns requests per CPU-second of this process. */
async function measure(send, n) {
  const start = process.cpuUsage();
  const ok = await send(n);
  const used = process.cpuUsage(start);
  if (ok !== n) throw new Error(`only ${ok} of ${n} Invokes succeeded`);
  return n / ((used.user + used.system) / 1e6);
}

/** `n` Invokes at `concurrency` in flight, through the generator's own pieces. */
async function generatorSender(url, credentials, concurrency) {
  const { parseProfile } = await import('../dist/profile/parse-profile.js');
  const { resolveInvokes } = await import('../dist/mix/invoke-request.js');
  const { prepareRequests } = await import('../dist/mix/prepared-request.js');
  const { SigV4Signer } = await import('../dist/generator/sigv4-signer.js');
  const { undiciTransport } = await import('../dist/generator/undici-transport.js');
  const { createRandom } = await import('../dist/random/seeded-random.js');
  const { CapturePool } = await import('../dist/mix/capture-pool.js');
  const written = parseProfile(
    'target: lambda:notes-list\nload: { phases: [{ duration: 1s, rate: 1 }] }\n' +
      'requests:\n  - { name: list, json: { query: { limit: 5 }, trace: "{{uuid}}" } }\n',
    'bench.yaml',
    { baseDir: '.' },
  );
  const { profile } = resolveInvokes(written, { function: 'notes-list' });
  const [req] = prepareRequests(profile, url, {}, 10_000);
  const random = createRandom(1);
  const ctx = {
    random,
    captures: new CapturePool(random),
    env: {},
    chosen: new Map(),
    consume: false,
  };
  const signer = new SigV4Signer({ service: 'lambda', region: 'us-east-1' }, credentials);
  const transport = undiciTransport({
    connections: concurrency,
    connectTimeoutMs: 10_000,
    settings: {
      tls: { insecure: false },
      http2: false,
      sigv4: { service: 'lambda', region: 'us-east-1' },
    },
    signer,
  });
  const dispatcher = transport.dispatcher(new URL(url).origin);
  return (n) =>
    new Promise((resolve) => {
      let started = 0;
      let done = 0;
      let ok = 0;
      const next = () => {
        if (started >= n) return;
        started++;
        let status = 0;
        dispatcher.dispatch(req.build(ctx).options, {
          onConnect() {},
          onHeaders(code) {
            status = code;
            return true;
          },
          onData() {
            return true;
          },
          onComplete() {
            if (status === 200) ok++;
            finish();
          },
          onError() {
            finish();
          },
        });
      };
      const finish = () => {
        done++;
        if (done === n) resolve(ok);
        else next();
      };
      for (let i = 0; i < Math.min(concurrency, n); i++) next();
    });
}

/** `n` InvokeCommands at `concurrency` in flight, one SDK call per request. */
async function sdkSender(url, credentials, concurrency) {
  const { LambdaClient, InvokeCommand } = await import('@aws-sdk/client-lambda');
  const client = new LambdaClient({
    endpoint: url,
    region: 'us-east-1',
    credentials,
    maxAttempts: 1,
    // The SDK's own Node handler, configured by options (keep-alive, one socket per request in flight).
    requestHandler: { httpAgent: { keepAlive: true, maxSockets: concurrency } },
  });
  const encoder = new globalThis.TextEncoder();
  let i = 0;
  return async (n) => {
    let ok = 0;
    let started = 0;
    const worker = async () => {
      while (started < n) {
        started++;
        const payload = encoder.encode(JSON.stringify({ query: { limit: 5 }, trace: `t-${i++}` }));
        const r = await client.send(
          new InvokeCommand({ FunctionName: 'notes-list', Payload: payload }),
        );
        if (r.StatusCode === 200) ok++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
    return ok;
  };
}
