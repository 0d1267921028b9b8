#!/usr/bin/env bash
# Installs the peer load generators that bench/run.sh compares flashcrowd with, and nginx as the
# fast local target. Nothing here becomes a project dependency:
#   - Debian packages (apt-get): wrk, hey, h2load (nghttp2-client), nginx-light
#   - npm, into bench/.tools (git-ignored): autocannon
#   - go install, into bench/.tools/go/bin: vegeta
#   - cargo install, into bench/.tools/cargo/bin: oha
# k6 is NOT installed: its module (go.k6.io/k6) is AGPL-licensed and marked not-to-use for this
# project; bench/run.sh skips it. Each failure is reported and skipped, never fatal.
# Usage: bash bench/install-peers.sh [--no-apt] [--no-go] [--no-cargo] [--no-npm]
set -u
BENCH_DIR="$(cd "$(dirname "$0")" && pwd)"
TOOLS="$BENCH_DIR/.tools"
mkdir -p "$TOOLS"

want_apt=1 want_go=1 want_cargo=1 want_npm=1
for arg in "$@"; do
  case "$arg" in
    --no-apt) want_apt=0 ;;
    --no-go) want_go=0 ;;
    --no-cargo) want_cargo=0 ;;
    --no-npm) want_npm=0 ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done

ok=() failed=()
step() { # step NAME COMMAND...: run, record the outcome, never abort
  local name="$1"; shift
  echo "== $name"
  if "$@"; then ok+=("$name"); else failed+=("$name"); echo "!! $name failed (skipped)" >&2; fi
}

SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then SUDO="sudo"; fi

apt_install() {
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "$@"
}

if [ "$want_apt" = 1 ] && command -v apt-get >/dev/null; then
  step "apt-get update" $SUDO apt-get update -qq
  step "wrk (apt)" apt_install wrk
  step "hey (apt)" apt_install hey
  step "h2load (apt nghttp2-client)" apt_install nghttp2-client
  step "nginx (apt nginx-light)" apt_install nginx-light
  step "time (apt)" apt_install time
fi

if [ "$want_npm" = 1 ] && command -v npm >/dev/null; then
  step "autocannon (npm, bench/.tools)" npm install --silent --no-audit --no-fund --prefix "$TOOLS" autocannon
fi

if [ "$want_go" = 1 ] && command -v go >/dev/null; then
  # Version from /work/.library/env/packages/go-partial.tsv (newest accepted there).
  step "vegeta (go install)" env GOBIN="$TOOLS/go/bin" go install github.com/tsenart/vegeta/v12@v12.13.0
fi
echo "== k6: skipped (go.k6.io/k6 is AGPL, not to be used by this project)"

if [ "$want_cargo" = 1 ] && command -v cargo >/dev/null; then
  step "oha (cargo install)" cargo install --quiet --locked --root "$TOOLS/cargo" oha
fi

echo
echo "installed: ${ok[*]:-none}"
echo "failed:    ${failed[*]:-none}"
exit 0
