// The generator benchmark (`npm run bench` -> bench/run.sh -> this file). Starts nginx (one worker)
// and/or a minimal Node server on 127.0.0.1, pins target and generator to different cores, runs
// flashcrowd and every installed peer tool in two modes (max closed-loop throughput; a fixed rate),
// measures each tool's CPU time, repeats, and prints one table of medians. Raw results go to
// bench/results/<stamp>/results.json and the table to bench/results/<stamp>/table.md.
// All traffic goes to the 127.0.0.1 servers started here; every run is bounded in time.
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { peerTools, which, readJson } from './peers.mjs';
import { runTimed } from './run-timed.mjs';
import { newResultsDir } from './results-dir.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = dirname(benchDir);

const { values: opt } = parseArgs({
  options: {
    reps: { type: 'string', default: '3' },
    duration: { type: 'string', default: '10' },
    rate: { type: 'string', default: '5000' },
    users: { type: 'string', default: '64' },
    targets: { type: 'string', default: 'nginx,node' },
    tools: { type: 'string', default: '' },
    modes: { type: 'string', default: 'max,rate' },
    'fc-workers': { type: 'string', default: '1' },
    'no-pin': { type: 'boolean', default: false },
    baseline: { type: 'string', default: '' },
  },
});
const cfg = {
  reps: Number(opt.reps),
  durationS: Number(opt.duration),
  ratePerSec: Number(opt.rate),
  users: Number(opt.users),
  fcWorkers: Number(opt['fc-workers']),
};
const outDir = newResultsDir(root, 'bench');

const canPin = !opt['no-pin'] && which('taskset') && cpus().length >= 2;
const generatorPin = canPin ? ['taskset', '-c', '0'] : [];

/** flashcrowd as one more adapter: `max` = closed users; `max-open` = open rate far above capacity. */
const flashcrowd = {
  name: 'flashcrowd',
  find: () => join(root, 'bin', 'flashcrowd.js'),
  command(bin, mode, c) {
    const load =
      mode === 'max'
        ? `{ model: closed, phases: [ { duration: ${c.durationS}s, users: ${c.users} } ] }`
        : mode === 'max-open'
          ? `{ phases: [ { duration: ${c.durationS}s, rate: ${c.overloadRate} } ], maxInFlight: ${c.users} }`
          : `{ phases: [ { duration: ${c.durationS}s, rate: ${c.ratePerSec} } ], maxInFlight: 10000 }`;
    const profile = join(c.runDir, 'profile.yaml');
    writeFileSync(profile, `name: bench\nload: ${load}\nrequests: [ { name: get, path: / } ]\n`);
    const args = [
      bin,
      'run',
      profile,
      '--target',
      c.url.replace(/\/$/, ''),
      '--workers',
      String(cfg.fcWorkers),
    ];
    return [
      'node',
      [...args, '--out', join(c.runDir, 'run'), '--quiet', '--no-reports', '--collect', 'none'],
    ];
  },
  parse(_out, c) {
    const r = readJson(join(c.runDir, 'run', 'run.json'));
    const sentPerSecond = r.timeline.map((t) => t.sent);
    return {
      requests: r.totals.completed,
      durationS: c.durationS,
      p99Ms: r.latencyMs.overall?.p99 ?? null,
      extra: {
        sent: r.totals.sent,
        dropped: r.totals.dropped,
        ok: r.totals.ok,
        errors: r.totals.errors,
        latenessP99Ms: r.latenessMs?.p99 ?? null,
        sentPerSecond,
        generatorCpuShare: r.environment?.generatorCpuShare ?? null,
      },
    };
  },
};

/**
 * The same adapter for another build of flashcrowd (`--baseline DIR`: a checkout with its
 * bin/flashcrowd.js and built dist/), measured in the same session as "flashcrowd-before".
 */
const flashcrowdBefore = opt.baseline
  ? {
      ...flashcrowd,
      name: 'flashcrowd-before',
      find: () => {
        const bin = join(opt.baseline, 'bin', 'flashcrowd.js');
        return existsSync(bin) ? bin : null;
      },
    }
  : null;

/** This build with undici as its client (`--client undici`), to show what the lean client saves. */
const flashcrowdUndici = {
  ...flashcrowd,
  name: 'flashcrowd-undici',
  command(bin, mode, c) {
    const [node, args] = flashcrowd.command(bin, mode, c);
    return [node, [...args, '--client', 'undici']];
  },
};

async function startTarget(kind) {
  const dir = join(outDir, `target-${kind}`);
  mkdirSync(dir, { recursive: true });
  const pinCpu = canPin ? '1' : '';
  if (kind === 'nginx') {
    const line = execFileSync('bash', [join(benchDir, 'start-nginx.sh'), dir, pinCpu], {
      encoding: 'utf8',
    });
    const [port, pid] = line.trim().split(/\s+/).map(Number);
    return { kind, url: `http://127.0.0.1:${port}/`, stop: () => process.kill(pid, 'SIGTERM') };
  }
  const portFile = join(dir, 'port');
  const pin = canPin ? ['taskset', '-c', '1'] : [];
  const argv = [...pin, 'node', join(benchDir, 'node-target.mjs'), portFile];
  const child = spawn(argv[0], argv.slice(1), { stdio: 'ignore' });
  for (let i = 0; i < 100 && !existsSync(portFile); i++)
    await new Promise((r) => setTimeout(r, 50));
  const port = Number(readFileSync(portFile, 'utf8'));
  return { kind, url: `http://127.0.0.1:${port}/`, stop: () => child.kill('SIGTERM') };
}

function median(xs) {
  const v = xs.filter((x) => x !== null && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

async function measure(tool, bin, mode, target, rep) {
  const runDir = join(outDir, target.kind, tool.name, mode, `rep${rep}`);
  mkdirSync(runDir, { recursive: true });
  const c = { ...cfg, url: target.url, runDir, binary: bin, overloadRate: 100_000 };
  const cmd = tool.command(bin, mode, c);
  if (!cmd) return null;
  const [command, args, input] = cmd;
  const run = await runTimed(generatorPin, command, args, input, runDir, cfg.durationS + 60);
  const row = {
    tool: tool.name,
    mode,
    target: target.kind,
    rep,
    cpuS: run.cpuS,
    wallS: run.wallS,
    exit: run.code,
  };
  try {
    Object.assign(row, tool.parse(run.out, c));
  } catch (error) {
    row.error = String(error.message ?? error).split('\n')[0];
  }
  return row;
}

/** summarize groups the raw rows by (target, tool, mode) and takes medians. */
function summarize(rows) {
  const groups = new Map();
  for (const r of rows) {
    const key = `${r.target}|${r.tool}|${r.mode}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(r);
  }
  const out = [];
  for (const rs of groups.values()) {
    const ok = rs.filter((r) => !r.error && r.requests > 0);
    const first = rs[0];
    const s = {
      target: first.target,
      tool: first.tool,
      mode: first.mode,
      runs: ok.length,
      of: rs.length,
    };
    s.requests = median(ok.map((r) => r.requests));
    s.ratePerSec = median(ok.map((r) => r.requests / r.durationS));
    s.plannedPerSec = first.mode === 'rate' ? cfg.ratePerSec : null;
    s.p99Ms = median(ok.map((r) => r.p99Ms));
    s.cpuS = median(ok.map((r) => r.cpuS));
    s.perCpuS = median(ok.map((r) => (r.cpuS ? r.requests / r.cpuS : null)));
    s.error = ok.length === 0 ? (rs.find((r) => r.error)?.error ?? 'no requests') : undefined;
    if (first.tool.startsWith('flashcrowd') && first.mode === 'rate') s.fidelity = fidelity(ok);
    out.push(s);
  }
  return out;
}

/** fidelity: the fixed-rate checks of flashcrowd (medians over runs). */
function fidelity(runs) {
  const planned = cfg.ratePerSec * cfg.durationS;
  const totalDev = median(runs.map((r) => Math.abs(r.extra.sent - planned) / planned));
  const worstSecond = median(
    runs.map((r) => Math.max(...r.extra.sentPerSecond.map((n) => Math.abs(n - cfg.ratePerSec)))),
  );
  return {
    totalDevPct: totalDev * 100,
    totalWithinHalfPct: totalDev <= 0.005,
    worstSecondDev: worstSecond,
    worstSecondDevPct: (worstSecond / cfg.ratePerSec) * 100,
    latenessP99Ms: median(runs.map((r) => r.extra.latenessP99Ms)),
    dropped: median(runs.map((r) => r.extra.dropped)),
  };
}

const fmt = (v, d = 0) =>
  v === null || v === undefined
    ? 'n/a'
    : Number(v).toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

/** table renders the medians as one Markdown table, with flashcrowd's ratio to each peer. */
function table(summary) {
  const head =
    '| target | tool | mode | requests | achieved / planned req/s | p99 ms | CPU s | req per CPU-s | flashcrowd ÷ peer (req/s, req/CPU-s) | runs |';
  const lines = [head, '|' + ' --- |'.repeat(10)];
  for (const s of summary) {
    const fcMode = s.mode === 'max-open' ? 'max-open' : s.mode;
    const fc = summary.find(
      (x) =>
        x.tool === 'flashcrowd' &&
        x.target === s.target &&
        x.mode === (s.tool === 'flashcrowd' ? fcMode : s.mode),
    );
    let ratio = '-';
    if (s.tool !== 'flashcrowd' && fc && s.ratePerSec && s.perCpuS) {
      ratio = `${fmt(fc.ratePerSec / s.ratePerSec, 2)}x, ${fmt(fc.perCpuS / s.perCpuS, 2)}x`;
    }
    const rate = `${fmt(s.ratePerSec)} / ${s.plannedPerSec ? fmt(s.plannedPerSec) : 'max'}`;
    const mode =
      s.mode === 'max'
        ? `max (closed, ${cfg.users} conns)`
        : s.mode === 'max-open'
          ? `max (open 100k/s, cap ${cfg.users})`
          : `rate ${fmt(cfg.ratePerSec)}/s`;
    const err = s.error ? ` (failed: ${s.error.slice(0, 60)})` : '';
    lines.push(
      `| ${s.target} | ${s.tool}${err} | ${mode} | ${fmt(s.requests)} | ${rate} | ${fmt(s.p99Ms, 2)} | ${fmt(s.cpuS, 2)} | ${fmt(s.perCpuS)} | ${ratio} | ${s.runs}/${s.of} |`,
    );
  }
  for (const s of summary.filter((x) => x.fidelity)) {
    const f = s.fidelity;
    lines.push('');
    lines.push(
      `${s.tool} fixed rate (${s.target}): total ${fmt(f.totalDevPct, 3)}% from planned (within 0.5%: ${f.totalWithinHalfPct ? 'yes' : 'NO'}); ` +
        `worst second (by planned second) ${fmt(f.worstSecondDev)} from ${fmt(cfg.ratePerSec)} (${fmt(f.worstSecondDevPct, 2)}%, within 2%: ${f.worstSecondDevPct <= 2 ? 'yes' : 'NO'}); ` +
        `generator lateness p99 ${fmt(f.latenessP99Ms, 2)} ms (under 5 ms: ${f.latenessP99Ms !== null && f.latenessP99Ms < 5 ? 'yes' : 'NO'}); dropped ${fmt(f.dropped)}`,
    );
  }
  return lines.join('\n');
}

async function main() {
  const wanted = opt.tools ? new Set(opt.tools.split(',')) : null;
  const available = [];
  for (const t of [
    flashcrowd,
    flashcrowdUndici,
    ...(flashcrowdBefore ? [flashcrowdBefore] : []),
    ...peerTools(benchDir),
  ]) {
    if (wanted && !wanted.has(t.name)) continue;
    const bin = t.find();
    if (bin) available.push([t, bin]);
    else console.log(`skip ${t.name}: not installed (bash bench/install-peers.sh)`);
  }
  const modes = opt.modes.split(',');
  const targets = [];
  for (const kind of opt.targets.split(',')) {
    try {
      targets.push(await startTarget(kind));
    } catch (error) {
      console.log(`skip target ${kind}: ${String(error.message ?? error).split('\n')[0]}`);
    }
  }
  const rows = [];
  const loadBefore = loadavg();
  try {
    for (let rep = 1; rep <= cfg.reps; rep++) {
      for (const target of targets) {
        for (const [tool, bin] of available) {
          for (const mode of tool === flashcrowd && modes.includes('max')
            ? [...modes, 'max-open']
            : modes) {
            const row = await measure(tool, bin, mode, target, rep);
            if (!row) continue;
            rows.push(row);
            const rate = row.requests ? Math.round(row.requests / row.durationS) : 0;
            const perCpu = row.cpuS ? Math.round(row.requests / row.cpuS) : 'n/a';
            console.log(
              `rep ${rep} ${target.kind} ${tool.name} ${mode}: ${rate} req/s, ${perCpu} req/CPU-s${row.error ? ` ERROR ${row.error}` : ''}`,
            );
          }
        }
      }
    }
  } finally {
    for (const t of targets) t.stop();
  }
  const summary = summarize(rows);
  const meta = {
    date: new Date().toISOString(),
    cores: cpus().length,
    cpuModel: cpus()[0]?.model,
    pinned: Boolean(canPin),
    node: process.version,
    config: cfg,
    loadavgBefore: loadBefore,
    loadavgAfter: loadavg(),
  };
  const text = table(summary);
  writeFileSync(join(outDir, 'results.json'), JSON.stringify({ meta, summary, rows }, null, 2));
  writeFileSync(join(outDir, 'table.md'), text + '\n');
  console.log(
    `\n${meta.date}, ${meta.cores} cores (${meta.cpuModel}), pinned: ${meta.pinned}, load average before ${loadBefore.map((x) => x.toFixed(1)).join(' ')}, after ${meta.loadavgAfter.map((x) => x.toFixed(1)).join(' ')}`,
  );
  console.log(`medians of ${cfg.reps} runs of ${cfg.durationS} s each; raw results in ${outDir}\n`);
  console.log(text);
}

await main();
