#!/usr/bin/env bash
# Two builds of `flashcrowd simulate` side by side in one session: a baseline (a built checkout
# such as /tmp/baseline, or a git ref built here into a temporary worktree) and this checkout.
# Profiles: profiles/steady-state.yaml (90 minutes, about 1.8 M requests) and a 6-hour variant
# generated from it (its phase repeated four times: same rate, same wave, four times as long).
# Each (profile, build) runs --reps times, the builds interleaved so both see the same machine;
# the report gives per build the median CPU seconds (user + sys, /usr/bin/time), median wall
# seconds, median max RSS, the speed-up (baseline CPU / this CPU), how RSS grows from 90 minutes
# to 6 hours, and whether the two builds wrote the same record for each profile
# (scripts/same-record.mjs; same seed -> same run). Exit 1 when the records differ.
# Output: bench/results/simulate-compare-<stamp>[-N]/{times.tsv,summary.txt}.
# Usage: bash bench/simulate-compare.sh [--baseline DIR | --baseline-ref REF] [--reps 3]
#          [--seed 1] [--no-build]
#   --baseline DIR     a built flashcrowd checkout (DIR/bin/flashcrowd.js and DIR/dist); default /tmp/baseline
#   --baseline-ref REF a git ref (e.g. main, 3472ebf) built into a temporary worktree instead
#   --no-build         use this checkout's dist/ as it is (default: npm run build first)
set -eu
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
baseline=/tmp/baseline ref="" reps=3 seed=1 build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --baseline) baseline="$2"; shift 2 ;;
    --baseline-ref) ref="$2"; shift 2 ;;
    --reps) reps="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    *) echo "unknown option: $1 (see the usage at the top of $0)" >&2; exit 2 ;;
  esac
done
[ -x /usr/bin/time ] || { echo "bench/simulate-compare.sh needs /usr/bin/time (GNU time)" >&2; exit 2; }
case "$reps" in '' | *[!0-9]* | 0) echo "--reps must be a whole number >= 1" >&2; exit 2 ;; esac

. "$ROOT/bench/results-dir.sh"
out="$(new_results_dir simulate-compare)"
worktree=""
cleanup() {
  if [ -n "$worktree" ]; then git -C "$ROOT" worktree remove --force "$worktree" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

if [ -n "$ref" ]; then
  worktree="$(mktemp -d /tmp/flashcrowd-baseline-XXXXXX)"
  rmdir "$worktree"
  git -C "$ROOT" worktree add --detach "$worktree" "$ref" >/dev/null
  ln -s "$ROOT/node_modules" "$worktree/node_modules"
  echo "building baseline $ref in $worktree" >&2
  (cd "$worktree" && npm run build >/dev/null)
  baseline="$worktree"
fi
[ -f "$baseline/bin/flashcrowd.js" ] && [ -d "$baseline/dist" ] ||
  { echo "--baseline $baseline is not a built flashcrowd checkout (no bin/flashcrowd.js or dist/)" >&2; exit 2; }
if [ "$build" = 1 ]; then (cd "$ROOT" && npm run build >/dev/null); fi

# The 6-hour variant: the 90-minute phase four times over, under another name.
node - "$ROOT/profiles/steady-state.yaml" "$out/steady-state-6h.yaml" <<'EOF'
const { readFileSync, writeFileSync } = require('node:fs');
const [from, to] = process.argv.slice(2);
const text = readFileSync(from, 'utf8');
const phase = text.split('\n').find((l) => /^\s*- \{ duration: 90m,/.test(l));
if (!phase) throw new Error(`${from}: no "- { duration: 90m, ..." phase line to repeat`);
writeFileSync(to, text.replace(/^name: .*$/m, 'name: steady-state-6h').replace(phase, Array(4).fill(phase).join('\n')));
EOF
cp "$ROOT/profiles/steady-state.yaml" "$out/steady-state.yaml"

printf 'profile\tbuild\trep\twall_s\tuser_s\tsys_s\tmax_rss_kb\n' >"$out/times.tsv"
for profile in steady-state steady-state-6h; do
  for i in $(seq "$reps"); do
    for b in baseline this; do
      dir="$baseline"; [ "$b" = this ] && dir="$ROOT"
      rc=0
      /usr/bin/time -f '%e %U %S %M' -o "$out/time.txt" \
        node "$dir/bin/flashcrowd.js" simulate "$out/$profile.yaml" --seed "$seed" --quiet \
        --no-reports --out "$out/run-$profile-$b-$i" >/dev/null 2>"$out/stderr.txt" || rc=$?
      # Exit 1 is a failed gate (the record is written); anything else is a failure.
      if [ "$rc" -gt 1 ]; then cat "$out/stderr.txt" >&2; echo "$b simulate $profile: exit $rc" >&2; exit 1; fi
      read -r wall user sys rss <"$out/time.txt"
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$profile" "$b" "$i" "$wall" "$user" "$sys" "$rss" >>"$out/times.tsv"
      echo "$profile $b rep $i: wall ${wall} s, cpu $(awk "BEGIN{print $user + $sys}") s, max RSS $((rss / 1024)) MB" >&2
      if [ "$i" -gt 1 ]; then rm -rf "$out/run-$profile-$b-$i"; fi
    done
  done
  if node "$ROOT/scripts/same-record.mjs" "$out/run-$profile-baseline-1/run.json" \
    "$out/run-$profile-this-1/run.json" >"$out/same-$profile.txt"; then
    echo same >"$out/same-$profile.flag"
  else
    echo differ >"$out/same-$profile.flag"
  fi
  rm -rf "$out/run-$profile-baseline-1" "$out/run-$profile-this-1"
done

node - "$out" "$baseline" <<'EOF' | tee "$out/summary.txt"
const { readFileSync } = require('node:fs');
const [dir, baseline] = process.argv.slice(2);
const rows = readFileSync(`${dir}/times.tsv`, 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[(s.length - 1) >> 1]; };
const stat = (profile, build) => {
  const rs = rows.filter((r) => r[0] === profile && r[1] === build);
  return {
    reps: rs.length,
    cpu: median(rs.map((r) => Number(r[4]) + Number(r[5]))),
    wall: median(rs.map((r) => Number(r[3]))),
    rssMb: median(rs.map((r) => Number(r[6]))) / 1024,
  };
};
console.log(`simulate, baseline ${baseline} vs this checkout (medians of the reps; one machine, interleaved)`);
console.log('| profile | build | reps | CPU s | wall s | max RSS MB | speed-up (CPU) | records |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
const stats = {};
for (const profile of ['steady-state', 'steady-state-6h']) {
  const same = readFileSync(`${dir}/same-${profile}.flag`, 'utf8').trim();
  const b = stat(profile, 'baseline');
  const t = stat(profile, 'this');
  stats[profile] = { b, t };
  console.log(`| ${profile} | baseline | ${b.reps} | ${b.cpu.toFixed(2)} | ${b.wall.toFixed(2)} | ${b.rssMb.toFixed(0)} | | |`);
  console.log(`| ${profile} | this | ${t.reps} | ${t.cpu.toFixed(2)} | ${t.wall.toFixed(2)} | ${t.rssMb.toFixed(0)} | ${(b.cpu / t.cpu).toFixed(2)}x | ${same} |`);
}
for (const build of ['b', 't']) {
  const name = build === 'b' ? 'baseline' : 'this';
  const ratio = stats['steady-state-6h'][build].rssMb / stats['steady-state'][build].rssMb;
  console.log(`${name}: max RSS 6 h / 90 min = ${ratio.toFixed(2)}`);
}
EOF
rm -f "$out/time.txt" "$out/stderr.txt"
for profile in steady-state steady-state-6h; do
  [ "$(cat "$out/same-$profile.flag")" = same ] || { echo "records differ for $profile:" >&2; cat "$out/same-$profile.txt" >&2; exit 1; }
done
