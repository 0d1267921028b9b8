// Start-up benchmark (bench/startup.sh -> this file): how much CPU `flashcrowd run` spends before
// its first planned request, and how long the first progress line takes, for this build and
// (optionally) a baseline build side by side. One worker, a tiny profile (--rate for --duration),
// against a Node target on 127.0.0.1 (`loopback`) and against the embedded notes API (`embedded`,
// no --target: its child process's CPU counts). Per run it records:
//   - CPU to first request: user + system ms of the CLI process (every thread) and its children
//     at the shared start instant, when arrival 0 is due (bench/startup-preload.mjs, preloaded the
//     same way into every build); for this build also FLASHCROWD_STARTUP_PROBE's marks.
//   - first progress line: wall ms from spawning the command to its first progress line on stderr.
//   - whole CPU: user + system of the whole process tree over the run (bash `times`).
// Prints a table of medians; raw runs go to bench/results/startup-<stamp>/results.json.
// All traffic goes to the 127.0.0.1 servers started here; every run is bounded in time.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setInterval, clearInterval } from 'node:timers';
import { parseArgs } from 'node:util';
import { newResultsDir } from './results-dir.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = dirname(benchDir);
const { values: opt } = parseArgs({
  options: {
    reps: { type: 'string', default: '3' },
    rate: { type: 'string', default: '5000' },
    duration: { type: 'string', default: '1' },
    modes: { type: 'string', default: 'loopback,embedded' },
    baseline: { type: 'string', default: '/tmp/baseline' },
    'no-baseline': { type: 'boolean', default: false },
  },
});
const reps = Number(opt.reps);
const outDir = newResultsDir(root, 'startup');

const builds = [{ name: 'current', bin: join(root, 'bin', 'flashcrowd.js') }];
const baselineBin = join(opt.baseline, 'bin', 'flashcrowd.js');
if (!opt['no-baseline'] && existsSync(baselineBin))
  builds.push({ name: `baseline (${opt.baseline})`, bin: baselineBin });
const modes = opt.modes.split(',').filter(Boolean);
let clkTck = '100';
try {
  clkTck = execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim();
} catch {
  // 100 on every Linux flashcrowd supports
}

const profile = join(outDir, 'profile.yaml');
writeFileSync(
  profile,
  `name: startup\nload: { phases: [ { duration: ${opt.duration}s, rate: ${opt.rate} } ] }\n` +
    'requests: [ { name: get, path: / } ]\n',
);

const PROGRESS = /^\d+:\d\d\/\d+:\d\d \|/m;

function startTarget() {
  const portFile = join(outDir, 'target-port');
  const child = spawn(process.execPath, [join(benchDir, 'node-target.mjs'), portFile], {
    stdio: 'ignore',
  });
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      if (existsSync(portFile)) {
        clearInterval(poll);
        resolve({ child, url: `http://127.0.0.1:${readFileSync(portFile, 'utf8').trim()}` });
      } else if (Date.now() - started > 10_000) {
        clearInterval(poll);
        child.kill();
        reject(new Error('the node target did not start'));
      }
    }, 20);
  });
}

/** runOnce runs one `flashcrowd run`; resolves with its measurements (null where unknown). */
function runOnce(build, mode, targetUrl, i) {
  const runDir = join(outDir, `${build.name.split(' ')[0]}-${mode}-${i}`);
  mkdirSync(runDir, { recursive: true });
  const files = {
    times: join(runDir, 'cpu-times'),
    preload: join(runDir, 'preload.json'),
    probe: join(runDir, 'probe.json'),
  };
  const args = [
    '--import',
    join(benchDir, 'startup-preload.mjs'),
    build.bin,
    'run',
    profile,
    ...(mode === 'loopback' ? ['--target', targetUrl] : []),
    '--workers',
    '1',
    '--no-reports',
    '--collect',
    'none',
    '--out',
    join(runDir, 'run'),
  ];
  const script = 'f="$1"; shift; "$@"; rc=$?; times > "$f"; exit $rc';
  const env = {
    ...process.env,
    STARTUP_PRELOAD_OUT: files.preload,
    STARTUP_CLK_TCK: clkTck,
    FLASHCROWD_STARTUP_PROBE: files.probe,
  };
  return new Promise((resolve) => {
    const startedMs = performance.now();
    const child = spawn('bash', ['-c', script, '_', files.times, process.execPath, ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env,
    });
    let stderr = '';
    let firstLineMs = null;
    child.stderr.on('data', (d) => {
      stderr += d;
      if (firstLineMs === null && PROGRESS.test(stderr))
        firstLineMs = performance.now() - startedMs;
    });
    const killer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('close', (code) => {
      clearTimeout(killer);
      writeFileSync(join(runDir, 'stderr.txt'), stderr);
      const read = (f) => (existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')) : null);
      resolve({
        build: build.name,
        mode,
        code,
        firstLineMs,
        wholeCpuMs: timesCpuMs(files.times),
        firstRequest: read(files.preload),
        probe: build.name === 'current' ? read(files.probe) : null,
      });
    });
  });
}

/** The children's line of bash `times` (user and system), in ms. */
function timesCpuMs(file) {
  if (!existsSync(file)) return null;
  const line = readFileSync(file, 'utf8').trim().split('\n')[1] ?? '';
  const secs = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  return secs.length === 2 ? (secs[0] + secs[1]) * 1000 : null;
}

function median(xs) {
  const v = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  if (v.length === 0) return null;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

const s = (ms) => (ms === null ? 'n/a' : (ms / 1000).toFixed(2));

const loadBefore = loadavg();
const target = modes.includes('loopback') ? await startTarget() : null;
const results = [];
try {
  for (let i = 0; i < reps; i++)
    for (const mode of modes)
      for (const build of builds) {
        const r = await runOnce(build, mode, target?.url, i);
        results.push(r);
        process.stderr.write(
          `${build.name} ${mode} #${i + 1}: exit ${r.code}, CPU to first request ` +
            `${s(r.firstRequest?.totalMs ?? null)} s, first progress line ${s(r.firstLineMs)} s, ` +
            `whole CPU ${s(r.wholeCpuMs)} s\n`,
        );
      }
} finally {
  target?.child.kill('SIGTERM');
}

const lines = [
  `Start-up, one worker, ${opt.rate} req/s for ${opt.duration} s, medians of ${reps} ` +
    `(load average before ${loadBefore.map((x) => x.toFixed(1)).join(' ')}, after ` +
    `${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')})`,
  '',
  '| build | target | CPU s to first request (process + target child) | of which target child | first progress line s | whole-run CPU s | runs ok |',
  '| --- | --- | --- | --- | --- | --- | --- |',
];
for (const mode of modes)
  for (const build of builds) {
    const rs = results.filter((r) => r.build === build.name && r.mode === mode);
    const ok = rs.filter((r) => r.code === 0);
    lines.push(
      `| ${build.name} | ${mode} | ${s(median(ok.map((r) => r.firstRequest?.totalMs)))} | ` +
        `${s(median(ok.map((r) => r.firstRequest?.childMs)))} | ${s(median(ok.map((r) => r.firstLineMs)))} | ` +
        `${s(median(ok.map((r) => r.wholeCpuMs)))} | ${ok.length}/${rs.length} |`,
    );
  }
for (const mode of modes) {
  const probes = results.filter((r) => r.probe && r.mode === mode).map((r) => r.probe);
  if (probes.length === 0) continue;
  lines.push(
    '',
    `Current build, ${mode}: FLASHCROWD_STARTUP_PROBE marks (medians; CPU s of the CLI process at wall s since it started):`,
  );
  for (const name of probes[0].marks.map((m) => m.name)) {
    const at = probes.map((p) => p.marks.find((m) => m.name === name)).filter(Boolean);
    lines.push(
      `- ${name}: ${s(median(at.map((m) => m.cpuMs)))} CPU s at ${s(median(at.map((m) => m.wallMs)))} s`,
    );
  }
}
const table = lines.join('\n');
writeFileSync(join(outDir, 'results.json'), JSON.stringify({ opt, results }, null, 2));
writeFileSync(join(outDir, 'table.md'), `${table}\n`);
process.stdout.write(`${table}\n\nraw: ${outDir}\n`);
