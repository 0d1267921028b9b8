// The target's view of one benchmark run, the same for every tool: nginx's access log of the run
// (bench/start-nginx.sh, kind cloud: "$msec $request_time $connection $status" a request) read
// into requests that arrived per second, connections that carried requests, and when each of
// those connections carried its first request. $msec is when the response was logged and
// $request_time the time since nginx read the request's first bytes, so a request arrived at
// $msec - $request_time (millisecond resolution).

/**
 * serverView buckets arrivals by whole second from `t0Ms` (epoch ms; null: the first arrival)
 * over [0, durationS) and counts connections. Returns { requests, perSecond, before, after,
 * connections, newConnectionsPerSecond, statuses, t0Ms }.
 */
export function serverView(logText, t0Ms, durationS) {
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
  let start = t0Ms;
  if (start === null || start === undefined) {
    start = arrivals.length ? arrivals.reduce((a, b) => Math.min(a, b)) : 0;
  }
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
  };
}
