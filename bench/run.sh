#!/usr/bin/env bash
# `npm run bench`: the generator benchmark, flashcrowd side by side with peer tools.
# Builds flashcrowd (workers run dist/), then runs bench/run.mjs. Peers come from
# bench/install-peers.sh; missing ones are skipped. Options (all optional):
#   --reps 3 --duration 10 --rate 5000 --users 64 --targets nginx,node --modes max,rate
#   --tools flashcrowd,wrk,... --fc-workers 1 --no-pin
# `--cloud` first runs the cloud benchmark instead (bench/cloud.mjs, options in bench/cloud.sh).
set -eu
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  npm run build --silent >/dev/null 2>&1 || echo "warning: npm run build reported errors; using dist/ as built" >&2
fi
if [ "${1:-}" = --cloud ]; then
  shift
  exec node bench/cloud.mjs "$@"
fi
exec node bench/run.mjs "$@"
