#!/usr/bin/env bash
# Speed of `flashcrowd simulate`: runs the built CLI on a profile (default: the 90-minute
# steady-state profile on LMI, about 1.8 M requests) N times and reports the median wall time,
# the median CPU time (user + sys, from /usr/bin/time; steadier than wall time on a shared
# machine) and simulated requests per CPU-second and per wall-second. Also checks that every
# repetition wrote the same record (same seed -> same run, modulo wall-clock identity fields).
# Output: bench/results/simulate-<stamp>[-N]/{times.tsv,summary.txt}.
# Usage: npm run build && bash bench/simulate.sh [--reps 3] [--profile FILE] [--platform lmi]
set -eu
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
reps=3 profile="$ROOT/profiles/steady-state.yaml" platform=lmi
while [ $# -gt 0 ]; do
  case "$1" in
    --reps) reps="$2"; shift 2 ;;
    --profile) profile="$2"; shift 2 ;;
    --platform) platform="$2"; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
[ -x /usr/bin/time ] || { echo "bench/simulate.sh needs /usr/bin/time (GNU time)" >&2; exit 2; }
. "$ROOT/bench/results-dir.sh"
out="$(new_results_dir simulate)"
printf 'rep\twall_s\tuser_s\tsys_s\tmax_rss_kb\trequests\n' >"$out/times.tsv"

for i in $(seq "$reps"); do
  /usr/bin/time -f '%e %U %S %M' -o "$out/time-$i.txt" \
    node "$ROOT/bin/flashcrowd.js" simulate "$profile" --platform "$platform" \
    --out "$out/run-$i" --quiet --no-reports >/dev/null
  read -r wall user sys rss <"$out/time-$i.txt"
  requests="$(node -e 'const r=require(process.argv[1]);console.log(r.totals.planned)' "$out/run-$i/run.json")"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$i" "$wall" "$user" "$sys" "$rss" "$requests" >>"$out/times.tsv"
  echo "rep $i: wall ${wall} s, cpu $(awk "BEGIN{print $user + $sys}") s, ${requests} requests" >&2
done

node - "$out" <<'EOF' | tee "$out/summary.txt"
const { readFileSync } = require('node:fs');
const dir = process.argv[2];
const rows = readFileSync(`${dir}/times.tsv`, 'utf8').trim().split('\n').slice(1)
  .map((l) => l.split('\t').map(Number));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[(s.length - 1) >> 1]; };
const wall = median(rows.map((r) => r[1]));
const cpu = median(rows.map((r) => r[2] + r[3]));
const rss = median(rows.map((r) => r[4]));
const requests = rows[0][5];
// Same seed -> same record: compare what does not depend on the wall clock.
const strip = (i) => {
  const r = JSON.parse(readFileSync(`${dir}/run-${i}/run.json`, 'utf8'));
  const t0 = Date.parse(r.startedAt);
  const series = r.platform.series.map((s) => ({ ...s, points: s.points.map(([t, v]) => [t - t0, v]) }));
  return JSON.stringify([r.totals, r.latencyMs, r.byRequest, r.phases, r.timeline, series, r.gates]);
};
const first = strip(rows[0][0]);
const same = rows.every((r) => strip(r[0]) === first);
console.log(`simulate ${process.env.PROFILE_LABEL ?? ''}`.trim());
console.log(`reps: ${rows.length}, requests per run: ${requests}`);
console.log(`median wall: ${wall.toFixed(2)} s (${Math.round(requests / wall)} simulated req/s)`);
console.log(`median cpu:  ${cpu.toFixed(2)} s (${Math.round(requests / cpu)} simulated req per cpu-second)`);
console.log(`median max RSS: ${Math.round(rss / 1024)} MB`);
console.log(`records identical across reps: ${same ? 'yes' : 'NO'}`);
EOF
rm -rf "$out"/run-* "$out"/time-*.txt
