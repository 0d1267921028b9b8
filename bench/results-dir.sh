# new_results_dir KIND: makes and prints a new folder bench/results/KIND-<stamp>[-N] (sourced by
# the bench scripts; needs ROOT). A plain mkdir fails on an existing folder, so two runs started
# in the same second never share one: the second gets -2, then -3, ...
new_results_dir() {
  local base="$ROOT/bench/results/$1-$(date +%Y%m%d-%H%M%S)" dir n=1
  mkdir -p "$ROOT/bench/results"
  dir="$base"
  until mkdir "$dir" 2>/dev/null; do
    n=$((n + 1)); dir="$base-$n"
    [ "$n" -le 100 ] || { echo "cannot make a results folder under $ROOT/bench/results" >&2; return 1; }
  done
  printf '%s\n' "$dir"
}
