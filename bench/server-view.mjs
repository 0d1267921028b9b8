// The target's view of one benchmark run, the same for every tool: nginx's access log of the run
// (bench/start-nginx.sh, kind cloud: "$msec $request_time $connection $status" a request) read
// into requests that arrived per second, connections that carried requests, and when each of
// those connections carried its first request. $msec is when the response was logged and
// $request_time the time since nginx read the request's first bytes, so a request arrived at
// $msec - $request_time (millisecond resolution).

/**
 * fitStart estimates when a fixed-rate schedule began from its arrivals: the median over the
 * sorted arrivals of (arrival i - i / rate). A tool whose first requests wait for connections
 * (their arrivals bunch up late) is then not read as starting late; constant lateness is kept.
 */
export function fitStart(arrivalsMs, ratePerSec) {
  const sorted = Float64Array.from(arrivalsMs).sort();
  const offsets = sorted.map((at, i) => at - (i * 1000) / ratePerSec).sort();
  return offsets.length ? offsets[Math.floor(offsets.length / 2)] : 0;
}

/**
 * serverView buckets arrivals by whole second over [0, durationS) from the start instant: `t0Ms`
 * (epoch ms) when the tool records it (flashcrowd's startedAt), else fitted to `ratePerSec`
 * (fitStart), and counts connections. Returns { requests, perSecond, before, after,
 * connections, newConnectionsPerSecond, statuses, t0Ms, t0From }.
 */
export function serverView(logText, t0Ms, durationS, ratePerSec) {
  const arrivals = [];
  const firstUse = new Map();
  const statuses = {};
  for (const line of logText.split('\n')) {
    const f = line.split(' ');
    if (f.length < 4) continue;
    const at = Math.round(Number(f[0]) * 1000 - Number(f[1]) * 1000);
    arrivals.push(at);
    const conn = f[2];
    const seen = firstUse.get(conn);
    if (seen === undefined || at < seen) firstUse.set(conn, at);
    statuses[f[3]] = (statuses[f[3]] ?? 0) + 1;
  }
  const known = t0Ms !== null && t0Ms !== undefined;
  const start = known ? t0Ms : fitStart(arrivals, ratePerSec);
  const perSecond = new Array(durationS).fill(0);
  let before = 0;
  let after = 0;
  for (const at of arrivals) {
    const s = Math.floor((at - start) / 1000);
    if (s < 0) before++;
    else if (s >= durationS) after++;
    else perSecond[s]++;
  }
  const newConnectionsPerSecond = new Array(durationS).fill(0);
  for (const at of firstUse.values()) {
    const s = Math.floor((at - start) / 1000);
    if (s >= 0 && s < durationS) newConnectionsPerSecond[s]++;
  }
  return {
    requests: arrivals.length,
    perSecond,
    before,
    after,
    connections: firstUse.size,
    newConnectionsPerSecond,
    statuses,
    t0Ms: start,
    t0From: known ? 'recorded' : 'fitted',
    firstArrivalMs: arrivals.length ? arrivals.reduce((a, b) => Math.min(a, b)) : null,
  };
}
