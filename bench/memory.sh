#!/usr/bin/env bash
# Memory soak of the generator: flashcrowd sends 2,000 req/s to a local nginx (or the minimal Node
# target when nginx is missing) for 11 minutes; the RSS of the flashcrowd process (main thread and
# workers together) is sampled every 10 s from /proc. Reports RSS at minute 1 and minute 10 and the
# growth between them (target: < 30 MB; exit 1 when not met or the run failed). Output: bench/results/memory-<stamp>[-N]/{rss.tsv,run.json}.
# Usage: npm run build && bash bench/memory.sh [--rate N] [--minutes M] [--workers W]
set -eu
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
rate=2000 minutes=11 workers=1
while [ $# -gt 0 ]; do
  case "$1" in
    --rate) rate="$2"; shift 2 ;;
    --minutes) minutes="$2"; shift 2 ;;
    --workers) workers="$2"; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
[ "$minutes" -ge 11 ] || echo "note: fewer than 11 minutes, growth is measured to the last sample" >&2
. "$ROOT/bench/results-dir.sh"
out="$(new_results_dir memory)"
cleanup() { [ -n "${tpid:-}" ] && kill "$tpid" 2>/dev/null || true; [ -n "${fpid:-}" ] && kill "$fpid" 2>/dev/null || true; }
trap cleanup EXIT

if started="$(bash "$ROOT/bench/start-nginx.sh" "$out/nginx" 2>/dev/null)"; then
  read -r port tpid <<<"$started"; target=nginx
else
  node "$ROOT/bench/node-target.mjs" "$out/port" & tpid=$!
  for _ in $(seq 50); do [ -s "$out/port" ] && break; sleep 0.1; done
  port="$(cat "$out/port")"; target=node
fi

cat > "$out/profile.yaml" <<YAML
name: bench-memory
load: { phases: [ { duration: ${minutes}m, rate: $rate } ], maxInFlight: 10000 }
requests: [ { name: get, path: / } ]
YAML
node "$ROOT/bin/flashcrowd.js" run "$out/profile.yaml" --target "http://127.0.0.1:$port" \
  --workers "$workers" --out "$out/run" --quiet --no-reports --collect none &
fpid=$!
printf 'elapsed_s\trss_kb\n' > "$out/rss.tsv"
t=0
while kill -0 "$fpid" 2>/dev/null; do
  rss="$(awk '/^VmRSS:/ {print $2}' "/proc/$fpid/status" 2>/dev/null || true)"
  [ -n "$rss" ] && printf '%s\t%s\n' "$t" "$rss" >> "$out/rss.tsv"
  sleep 10; t=$((t + 10))
done
status=0
wait "$fpid" || status=$?
fpid=""
# A run that failed measured nothing: say so and exit 1, never report a growth for it.
if [ "$status" != 0 ]; then
  echo "flashcrowd exited with $status: no memory result (its output is above; samples in $out/rss.tsv)" >&2
  exit 1
fi

node - "$out" "$target" "$rate" <<'JS'
const fs = require('node:fs');
const [dir, target, rate] = process.argv.slice(2);
const rows = fs.readFileSync(`${dir}/rss.tsv`, 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t').map(Number));
const at = (s) => (rows.find(([t]) => t >= s) ?? rows[rows.length - 1])[1];
const m1 = at(60), m10 = at(600);
const run = JSON.parse(fs.readFileSync(`${dir}/run/run.json`, 'utf8'));
const mb = (kb) => (kb / 1024).toFixed(1);
const { planned, sent, ok, dropped } = run.totals;
console.log(`target ${target}, ${rate} req/s, planned ${planned}, sent ${sent}, ok ${ok}, dropped ${dropped}`);
const lastS = rows[rows.length - 1][0];
const verdict = lastS < 600
  ? `the run ended at ${lastS} s, before minute 10: target not judged`
  : `target < 30 MB: ${m10 - m1 < 30 * 1024 ? 'met' : 'NOT met'}`;
console.log(`RSS minute 1: ${mb(m1)} MB, minute 10: ${mb(m10)} MB, growth ${mb(m10 - m1)} MB (${verdict})`);
console.log(`RSS min ${mb(Math.min(...rows.map((r) => r[1])))} MB, max ${mb(Math.max(...rows.map((r) => r[1])))} MB; samples in ${dir}/rss.tsv`);
// The growth holds only for the load it was measured under: every planned request sent and ok.
if (!(planned > 0 && sent === planned && ok === planned)) {
  console.error(`the run did not send its load (planned ${planned}, sent ${sent}, ok ${ok}): the growth above is not a result`);
  process.exit(1);
}
// A target not met fails the script too, so nothing that runs it can read a miss as a pass.
if (lastS >= 600 && m10 - m1 >= 30 * 1024) process.exit(1);
JS
