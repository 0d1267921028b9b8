// runTimed: one benchmark command, optionally pinned (taskset prefix), with the CPU time (user +
// system) of its whole process tree measured by bash `times` after it exits. Shared by
// bench/run.mjs and bench/cloud.mjs. Output (stdout + stderr) is kept and written to
// RUNDIR/output.txt; the command is killed after `limitS` seconds.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** runTimed resolves with { code, out, cpuS, wallS }; cpuS is null when `times` did not run. */
export function runTimed(pin, cmd, args, input, runDir, limitS, env = process.env) {
  const timesFile = join(runDir, 'cpu-times');
  const script = 'f="$1"; shift; "$@"; rc=$?; times > "$f"; exit $rc';
  const argv = [...pin, 'bash', '-c', script, '_', timesFile, cmd, ...args];
  return new Promise((resolve) => {
    const child = spawn(argv[0], argv.slice(1), { stdio: ['pipe', 'pipe', 'pipe'], env });
    const chunks = [];
    child.stdout.on('data', (d) => chunks.push(d));
    child.stderr.on('data', (d) => chunks.push(d));
    child.stdin.end(input ?? '');
    const killer = setTimeout(() => child.kill('SIGKILL'), limitS * 1000);
    const startedMs = performance.now();
    child.on('close', (code) => {
      clearTimeout(killer);
      const out = Buffer.concat(chunks).toString('utf8');
      let cpuS = null;
      if (existsSync(timesFile)) {
        const line = readFileSync(timesFile, 'utf8').trim().split('\n')[1] ?? '';
        const secs = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map(
          (m) => Number(m[1]) * 60 + Number(m[2]),
        );
        if (secs.length === 2) cpuS = secs[0] + secs[1];
      }
      writeFileSync(join(runDir, 'output.txt'), out);
      resolve({ code, out, cpuS, wallS: (performance.now() - startedMs) / 1000 });
    });
  });
}
