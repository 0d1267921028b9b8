#!/usr/bin/env bash
# Start-up benchmark: CPU to the first planned request, time to the first progress line and the
# whole run's CPU of `flashcrowd run` (one worker, a tiny profile), for this build and a baseline
# build side by side. Uses dist/ as built (run `npm run build` first). Options (all optional):
#   --reps 3 --rate 5000 --duration 1 --modes loopback,embedded --baseline /tmp/baseline --no-baseline
# (--baseline is a flashcrowd checkout with a built dist/, run as node <dir>/bin/flashcrowd.js.)
set -eu
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
exec node bench/startup.mjs "$@"
