#!/usr/bin/env node
// tls-connect: CPU of opening TLS connections with Node's `tls.connect`, as the generator's pool
// does before a flash crowd, against the cloud benchmark's nginx (HTTPS, an ECDSA P-256
// certificate; bench/start-nginx.sh ... cloud, on CPU 1 when there are 2+ cores). Per round:
// N connections, 50 at a time, one secure context, first with full handshakes, then resuming the
// TLS session of an earlier connection. Prints each round and the medians: CPU µs a connection
// (user + system of this process; pin it with taskset for steadier numbers) and how many
// connections were resumed.
// Usage: taskset -c 0 node bench/tls-connect.mjs [--conns 600] [--rounds 3]
import tls from 'node:tls';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { conns: { type: 'string', default: '600' }, rounds: { type: 'string', default: '3' } },
});
const conns = Number(values.conns);
const rounds = Number(values.rounds);
if (!(Number.isInteger(conns) && conns > 0 && Number.isInteger(rounds) && rounds > 0)) {
  console.error('--conns and --rounds must be whole numbers above 0');
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'tls-connect-'));
const startNginx = join(dirname(fileURLToPath(import.meta.url)), 'start-nginx.sh');
const [port, pid] = execFileSync('bash', [startNginx, dir, cpus().length > 1 ? '1' : '', 'cloud'], {
  encoding: 'utf8',
})
  .trim()
  .split(/\s+/)
  .map(Number);
const secureContext = tls.createSecureContext({ ca: readFileSync(join(dir, 'tls', 'ca.pem')) });

/** connect opens one verified connection (resuming `session` when given). */
function connect(session) {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host: '127.0.0.1',
      port,
      servername: 'localhost',
      secureContext,
      session,
    });
    socket.once('secureConnect', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** A TLS session to resume: TLS 1.3 sends its ticket after the handshake. */
async function sessionToResume() {
  const socket = await connect(undefined);
  const session = await new Promise((resolve) => socket.once('session', resolve));
  socket.destroy();
  return session;
}

/** round opens `conns` connections, 50 at a time; CPU µs a connection and how many resumed. */
async function round(session) {
  const open = [];
  const start = process.cpuUsage();
  for (let i = 0; i < conns; i += 50) {
    const batch = Array.from({ length: Math.min(50, conns - i) }, () => connect(session));
    open.push(...(await Promise.all(batch)));
  }
  const used = process.cpuUsage(start);
  const resumed = open.filter((s) => s.isSessionReused()).length;
  for (const s of open) s.destroy();
  return { usPerConn: (used.user + used.system) / conns, resumed };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
try {
  const session = await sessionToResume();
  const full = [];
  const resumed = [];
  for (let r = 1; r <= rounds; r++) {
    const f = await round(undefined);
    const s = await round(session);
    full.push(f.usPerConn);
    resumed.push(s.usPerConn);
    console.log(
      `round ${r}: full handshake ${f.usPerConn.toFixed(0)} µs (${f.resumed} resumed), ` +
        `resumed ${s.usPerConn.toFixed(0)} µs (${s.resumed} of ${conns} resumed)`,
    );
  }
  console.log(
    `median CPU a connection: full handshake ${median(full).toFixed(0)} µs, resumed ${median(resumed).toFixed(0)} µs`,
  );
} finally {
  process.kill(pid, 'SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
