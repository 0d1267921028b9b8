#!/usr/bin/env bash
# The cloud benchmark: flashcrowd and its peers against HTTPS nginx with 20 ms / 100 ms replies
# (bench/cloud.mjs). Same as `npm run bench -- --cloud ...`. Builds flashcrowd first.
# Options (all optional): --reps 3 --duration 20 --onset-duration 5 --rate 5000 --from 50
#   --conns 600 --tools flashcrowd,oha,vegeta,autocannon,hey --scenarios steady,onset
#   --fc-workers 1 [--fc-grow] --no-pin
exec bash "$(dirname "$0")/run.sh" --cloud "$@"
