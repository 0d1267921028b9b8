// The cloud benchmark (`bash bench/cloud.sh` or `npm run bench -- --cloud`): flashcrowd and its
// peers against an HTTPS nginx on 127.0.0.1 whose replies take 20 ms or 100 ms (the echo module's
// echo_sleep stands in for the network: this kernel has no sch_netem for `tc netem`), in two
// scenarios:
//   steady: `rate` req/s for `duration` s against /20ms;
//   onset:  a flash crowd's first seconds against /100ms: flashcrowd runs its profile (1 s at
//           `from` req/s, a 1 s ramp to `rate`, then `rate` to the end); peers cannot ramp and
//           step to `rate` from t=0.
// Per tool and run: what it sent each second (its own per-request or per-second data) and what
// arrived at nginx each second (its access log), p99 latency, CPU seconds of the tool's process
// tree, connections nginx accepted (stub_status) and connections that carried requests (access
// log), flashcrowd's lateness. Writes bench/results/cloud-<stamp>/ (summary.md, results.json,
// each run's output and access log) and checks issue 13's targets. Every run is bounded in time;
// all traffic goes to the nginx started here.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { get } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cloudAdapters } from './cloud-peers.mjs';
import { fmt, scenarioTable, summarize, targets } from './cloud-report.mjs';
import { peerTools, which } from './peers.mjs';
import { runTimed } from './run-timed.mjs';
import { newResultsDir } from './results-dir.mjs';
import { serverView } from './server-view.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = dirname(benchDir);
const ALL_TOOLS = ['flashcrowd', 'oha', 'vegeta', 'autocannon', 'hey'];
const ALL_SCENARIOS = ['steady', 'onset'];

function usageError(message) {
  console.error(`bench/cloud.sh: ${message}`);
  process.exit(2);
}

let opt;
try {
  opt = parseArgs({
    options: {
      reps: { type: 'string', default: '3' },
      duration: { type: 'string', default: '20' },
      'onset-duration': { type: 'string', default: '5' },
      rate: { type: 'string', default: '5000' },
      from: { type: 'string', default: '50' },
      conns: { type: 'string', default: '600' },
      tools: { type: 'string', default: ALL_TOOLS.join(',') },
      scenarios: { type: 'string', default: ALL_SCENARIOS.join(',') },
      'fc-workers': { type: 'string', default: '1' },
      'fc-grow': { type: 'boolean', default: false },
      'no-pin': { type: 'boolean', default: false },
    },
  }).values;
} catch (error) {
  usageError(
    `${error.message} (options: --reps --duration --onset-duration --rate --from --conns --tools --scenarios --fc-workers --fc-grow --no-pin)`,
  );
}
const int = (name, min) => {
  const v = Number(opt[name]);
  if (!Number.isInteger(v) || v < min)
    usageError(`--${name} must be an integer >= ${min}, got "${opt[name]}"`);
  return v;
};
const cfg = {
  reps: int('reps', 1),
  steadyS: int('duration', 1),
  onsetS: int('onset-duration', 3),
  ratePerSec: int('rate', 1),
  fromPerSec: int('from', 1),
  conns: int('conns', 1),
  fcWorkers: int('fc-workers', 1),
  /** flashcrowd without --connections: its default pool, grown as needed. */
  fcGrow: opt['fc-grow'],
};
const listOf = (name, allowed) => {
  const xs = opt[name].split(',').filter(Boolean);
  const bad = xs.filter((x) => !allowed.includes(x));
  if (bad.length || xs.length === 0)
    usageError(
      `--${name}: unknown ${bad.join(', ') || '(empty)'}; choose from ${allowed.join(',')}`,
    );
  return xs;
};
const toolNames = listOf('tools', ALL_TOOLS);
const scenarioNames = listOf('scenarios', ALL_SCENARIOS);

const outDir = newResultsDir(root, 'cloud');
const canPin = !opt['no-pin'] && which('taskset') && cpus().length >= 2;
const generatorPin = canPin ? ['taskset', '-c', '0'] : [];

/** The scenarios: path, duration and flashcrowd's load block. */
const scenarios = {
  steady: {
    name: 'steady',
    title: `(a) ${cfg.ratePerSec} req/s for ${cfg.steadyS} s, 20 ms replies`,
    path: '/20ms',
    durationS: cfg.steadyS,
    phases: [`{ duration: ${cfg.steadyS}s, rate: ${cfg.ratePerSec} }`],
  },
  onset: {
    name: 'onset',
    title: `(b) flash-crowd onset, ${cfg.fromPerSec} -> ${cfg.ratePerSec} req/s within 1 s, ${cfg.onsetS} s, 100 ms replies`,
    path: '/100ms',
    durationS: cfg.onsetS,
    phases: [
      `{ duration: 1s, rate: ${cfg.fromPerSec} }`,
      `{ duration: 1s, rampTo: ${cfg.ratePerSec} }`,
      `{ duration: ${cfg.onsetS - 2}s, rate: ${cfg.ratePerSec} }`,
    ],
  },
};

/** writeProfile writes flashcrowd's profile of a scenario (YAML) and returns its path. */
function writeProfile(sc, dir) {
  const file = join(dir, `${sc.name}.yaml`);
  const text = [
    `name: cloud-${sc.name}`,
    'load:',
    '  model: open',
    '  maxInFlight: 10000',
    '  phases:',
    ...sc.phases.map((p) => `    - ${p}`),
    'requests:',
    `  - { name: get, method: GET, path: ${sc.path} }`,
    '',
  ].join('\n');
  writeFileSync(file, text);
  return file;
}

function startNginx() {
  const dir = join(outDir, 'nginx');
  mkdirSync(dir, { recursive: true });
  const line = execFileSync(
    'bash',
    [join(benchDir, 'start-nginx.sh'), dir, canPin ? '1' : '', 'cloud'],
    { encoding: 'utf8' },
  );
  const [port, pid, statusPort] = line.trim().split(/\s+/).map(Number);
  return {
    dir,
    port,
    pid,
    statusPort,
    ca: join(dir, 'tls', 'ca.pem'),
    log: join(dir, 'logs', 'access.log'),
    stop: () => process.kill(pid, 'SIGTERM'),
  };
}

/** acceptedConnections reads nginx's stub_status "accepts" counter (this request's own included). */
function acceptedConnections(nginx) {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port: nginx.statusPort, path: '/', agent: false }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => {
        const m = /requests\s+(\d+)\s+(\d+)\s+(\d+)/.exec(body);
        if (m) resolve(Number(m[1]));
        else reject(new Error(`cannot read stub_status: ${body}`));
      });
    }).on('error', reject);
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * takeAccessLog moves the access log so far to `dest` and has nginx reopen it (SIGUSR1); waits
 * until the buffered lines are flushed (the moved file stops growing).
 */
async function takeAccessLog(nginx, dest) {
  if (!existsSync(nginx.log)) return '';
  renameSync(nginx.log, dest);
  process.kill(nginx.pid, 'SIGUSR1');
  let size = -1;
  for (let i = 0; i < 50; i++) {
    await sleep(200);
    const now = statSync(dest).size;
    if (existsSync(nginx.log) && now === size) break;
    size = now;
  }
  const text = readFileSync(dest, 'utf8');
  if (text === '') unlinkSync(dest);
  return text;
}

/** worstSecond: the largest |achieved - planned| / planned over the seconds, with where it was. */
function worstSecond(achieved, planned) {
  if (!achieved || !planned) return null;
  let worst = null;
  for (let s = 0; s < planned.length; s++) {
    if (!planned[s]) continue;
    const dev = Math.abs((achieved[s] ?? 0) - planned[s]) / planned[s];
    if (!worst || dev > worst.dev)
      worst = { second: s, achieved: achieved[s] ?? 0, planned: planned[s], dev };
  }
  return worst && { ...worst, pct: worst.dev * 100 };
}

async function measure(nginx, tool, bin, sc, rep) {
  const runDir = join(outDir, sc.name, tool, `rep${rep}`);
  mkdirSync(runDir, { recursive: true });
  const adapter = cloudAdapters[tool];
  const c = {
    url: new URL(`https://127.0.0.1:${nginx.port}${sc.path}`),
    ca: nginx.ca,
    ratePerSec: cfg.ratePerSec,
    durationS: sc.durationS,
    conns: cfg.conns,
    runDir,
    binary: bin,
    fcWorkers: cfg.fcWorkers,
    fcGrow: cfg.fcGrow,
    profile: tool === 'flashcrowd' ? writeProfile(sc, runDir) : null,
  };
  const [command, args, input] = adapter.command(bin, c);
  writeFileSync(join(runDir, 'command.txt'), [command, ...args].join(' ') + '\n');
  await takeAccessLog(nginx, join(runDir, 'access-before.log')); // logged before this run: none expected
  const acceptedBefore = await acceptedConnections(nginx);
  const run = await runTimed(generatorPin, command, args, input, runDir, sc.durationS + 60);
  await sleep(300);
  const acceptedAfter = await acceptedConnections(nginx);
  const log = await takeAccessLog(nginx, join(runDir, 'access.log'));
  const row = {
    tool,
    scenario: sc.name,
    rep,
    shape: adapter.shape,
    cpuS: run.cpuS,
    wallS: run.wallS,
    exit: run.code,
  };
  try {
    Object.assign(row, adapter.parse(run.out, c));
  } catch (error) {
    row.error = String(error.message ?? error).split('\n')[0];
  }
  const server = serverView(log, row.startEpochMs ?? null, sc.durationS, cfg.ratePerSec);
  row.server = server;
  row.connectionsAccepted = acceptedAfter - acceptedBefore - 1; // less the second stub_status request
  row.toolWorst = worstSecond(row.perSecond, row.plannedPerSecond);
  row.serverWorst = worstSecond(server.perSecond, row.plannedPerSecond);
  row.cpuUsPerRequest = run.cpuS && row.requests ? (run.cpuS / row.requests) * 1e6 : null;
  return row;
}

async function main() {
  const available = [];
  const peers = new Map(peerTools(benchDir).map((t) => [t.name, t]));
  for (const name of toolNames) {
    const bin =
      name === 'flashcrowd' ? join(root, 'bin', 'flashcrowd.js') : peers.get(name)?.find();
    if (bin) available.push([name, bin]);
    else console.log(`skip ${name}: not installed (bash bench/install-peers.sh)`);
  }
  let nginx;
  try {
    nginx = startNginx();
  } catch (error) {
    console.error(
      `bench/cloud.sh: cannot start nginx: ${String(error.message ?? error).split('\n')[0]}`,
    );
    process.exit(1);
  }
  const loadBefore = loadavg();
  const rows = [];
  try {
    for (let rep = 1; rep <= cfg.reps; rep++) {
      for (const scName of scenarioNames) {
        for (const [tool, bin] of available) {
          const row = await measure(nginx, tool, bin, scenarios[scName], rep);
          rows.push(row);
          const toolPct = row.toolWorst?.pct ?? row.extra?.worstSecondDevPct;
          const pct = (v) => (v === undefined || v === null ? '-' : `${fmt(v, 2)}%`);
          console.log(
            `rep ${rep} ${scName} ${tool}: ${row.requests ?? 0} responses, worst second ${pct(toolPct)} (tool) ${pct(row.serverWorst?.pct)} (nginx), ${fmt(row.cpuUsPerRequest, 1)} CPU-µs/req, ${row.connectionsAccepted} connections${row.exit ? ` (exit ${row.exit})` : ''}${row.error ? ` ERROR ${row.error}` : ''}`,
          );
        }
      }
    }
  } finally {
    nginx.stop();
  }
  const summary = summarize(rows, scenarioNames, toolNames);
  const meta = {
    date: new Date().toISOString(),
    cores: cpus().length,
    cpuModel: cpus()[0]?.model,
    pinned: Boolean(canPin),
    node: process.version,
    config: cfg,
    tools: toolNames,
    scenarios: scenarioNames,
    loadavgBefore: loadBefore,
    loadavgAfter: loadavg(),
  };
  const { text: targetText, verdicts } = targets(summary, scenarioNames);
  const peerNotes = summary
    .filter((s) => s.scenario === scenarioNames[0])
    .map(
      (s) =>
        `- ${s.tool}: "sent" per second from ${s.note ?? '-'}; p99 counted from the ${s.p99From ?? '-'}`,
    );
  const md = [
    `## Cloud benchmark, ${meta.date}`,
    '',
    `${meta.cores} cores (${meta.cpuModel}), Node ${meta.node}, pinned: ${meta.pinned} (tool on CPU 0, nginx on CPU 1), ` +
      `load average before ${loadBefore.map((x) => x.toFixed(1)).join(' ')}, after ${meta.loadavgAfter.map((x) => x.toFixed(1)).join(' ')}. ` +
      `Medians of ${cfg.reps} run(s); nginx over TLS (HTTP/1.1, keep-alive), latency added by echo_sleep; peers allowed ${cfg.conns} connections. ` +
      'Peers cannot ramp: in the onset scenario they step to the full rate from t=0 (planned flat), flashcrowd runs the ramp.',
    '',
    ...scenarioNames.map((n) => scenarioTable(scenarios[n], summary)),
    targetText,
    'Sources:',
    ...peerNotes,
    '- at nginx: arrivals (logged time minus request time) per second from the start instant (flashcrowd: run.json startedAt; peers, who record none: fitted to their arrivals, the median of arrival i - i / rate); connections accepted: stub_status accepts during the run; used: distinct $connection in the access log',
    '',
  ].join('\n');
  writeFileSync(join(outDir, 'results.json'), JSON.stringify({ meta, summary, rows }, null, 2));
  writeFileSync(join(outDir, 'summary.md'), md);
  console.log(`\n${md}`);
  for (const v of verdicts) console.log(v);
  console.log(`\nraw data and summary.md in ${outDir}`);
}

await main();
