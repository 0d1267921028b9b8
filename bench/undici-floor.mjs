// The floor under flashcrowd's generator: undici's Pool.dispatch with a handler that only counts,
// no recording, no mix, no worker thread. `bench/run.mjs` runs it as the peer "undici-floor", so the
// table shows how much of flashcrowd's cost per request is undici's own (the library it sends with).
// Mode max: `--users` requests in flight, each reply sends the next. Mode rate: `--rate` per second,
// paced by one timer loop that sends every due arrival (as flashcrowd's OpenLoop does).
// Prints {"requests", "durationS", "p99Ms"} as JSON. Traffic goes only to the URL given (the bench's
// 127.0.0.1 target); the run stops by itself after `--duration` seconds.
import { parseArgs } from 'node:util';
import { Pool } from 'undici';

const { values: o, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    mode: { type: 'string', default: 'max' },
    users: { type: 'string', default: '64' },
    rate: { type: 'string', default: '5000' },
    duration: { type: 'string', default: '10' },
  },
});
const url = new URL(positionals[0]);
const users = Number(o.users);
const durationMs = Number(o.duration) * 1000;
const ratePerMs = Number(o.rate) / 1000;
const pool = new Pool(url.origin, {
  connections: o.mode === 'max' ? users : 10_000,
  pipelining: 1,
});
const options = { path: url.pathname, method: 'GET', headers: [] };
const latencies = [];
let completed = 0;
let stopped = false;
const t0 = performance.now();
const now = () => performance.now() - t0;

class CountingHandler {
  constructor(plannedMs, onDone) {
    this.plannedMs = plannedMs;
    this.onDone = onDone;
  }
  onConnect() {}
  onHeaders() {
    return true;
  }
  onData() {
    return true;
  }
  onComplete() {
    this.end();
  }
  onError() {
    this.end();
  }
  end() {
    completed++;
    latencies.push(now() - this.plannedMs);
    this.onDone?.();
  }
}

function send(plannedMs, onDone) {
  pool.dispatch(options, new CountingHandler(plannedMs, onDone));
}

async function finish() {
  stopped = true;
  while (completed < sent) await new Promise((r) => setTimeout(r, 5));
  latencies.sort((a, b) => a - b);
  const p99Ms = latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))];
  console.log(JSON.stringify({ requests: completed, durationS: durationMs / 1000, p99Ms }));
  await pool.close();
}

let sent = 0;
if (o.mode === 'max') {
  const user = () => {
    if (stopped || now() >= durationMs) return;
    sent++;
    send(now(), user);
  };
  for (let i = 0; i < users; i++) user();
  setTimeout(finish, durationMs);
} else {
  const total = Math.round(ratePerMs * durationMs);
  const pump = () => {
    const t = now();
    while (sent < total && sent / ratePerMs <= t) send(sent++ / ratePerMs, null);
    if (sent < total) setTimeout(pump, Math.max(0, sent / ratePerMs - now() - 1));
    else finish();
  };
  pump();
}
