#!/usr/bin/env bash
# Starts nginx as a local target: one worker process, 127.0.0.1 on a free port, its own temp
# prefix and config.
# Usage: bench/start-nginx.sh DIR [CPU] [KIND]  -> prints "PORT PID" (KIND cloud: "PORT PID
# STATUS_PORT"); stop with `kill PID`. CPU (optional, may be "") pins the nginx processes with taskset.
# KIND plain (default): http, `return 200 "ok"` for every path, no access log.
# KIND cloud (bench/cloud.sh): https only (HTTP/1.1, keep-alive) with a certificate made by
#   bench/make-cert.sh into DIR/tls (ca.pem is the CA to trust), the echo module's `echo_sleep`
#   as added latency: /20ms and /100ms answer "ok\n" after 20 ms and 100 ms; an access log of
#   "$msec $request_time $connection $status" a request (DIR/logs/access.log, buffered; reopened
#   on SIGUSR1); stub_status on http://127.0.0.1:STATUS_PORT/ (accepted connections).
set -eu
dir="$1"; cpu="${2:-}"; kind="${3:-plain}"
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
[ -x "$NGINX" ] || { echo "nginx not found (bench/install-peers.sh installs it)" >&2; exit 1; }
mkdir -p "$dir/logs" "$dir/tmp"
free_port() { node -e 's=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
port="$(free_port)"
temp_paths="client_body_temp_path $dir/tmp;
  proxy_temp_path $dir/tmp;
  fastcgi_temp_path $dir/tmp;
  uwsgi_temp_path $dir/tmp;
  scgi_temp_path $dir/tmp;"
case "$kind" in
  plain)
    cat > "$dir/nginx.conf" <<CONF
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
daemon off;
events { worker_connections 16384; }
http {
  access_log off;
  keepalive_requests 100000000;
  keepalive_timeout 120s;
  $temp_paths
  server {
    listen 127.0.0.1:$port backlog=4096;
    location / { default_type text/plain; return 200 "ok"; }
  }
}
CONF
    ready="$port" ;;
  cloud)
    ECHO_MODULE="${ECHO_MODULE:-/usr/lib/nginx/modules/ngx_http_echo_module.so}"
    [ -f "$ECHO_MODULE" ] || { echo "nginx echo module not found at $ECHO_MODULE (apt-get install libnginx-mod-http-echo)" >&2; exit 1; }
    bash "$(dirname "$0")/make-cert.sh" "$dir/tls" >/dev/null
    status_port="$(free_port)"
    cat > "$dir/nginx.conf" <<CONF
load_module $ECHO_MODULE;
worker_processes 1;
worker_rlimit_nofile 40000;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
daemon off;
events { worker_connections 16384; }
http {
  log_format cloud '\$msec \$request_time \$connection \$status';
  access_log $dir/logs/access.log cloud buffer=256k;
  keepalive_requests 100000000;
  keepalive_timeout 120s;
  $temp_paths
  server {
    listen 127.0.0.1:$port ssl backlog=4096;
    ssl_certificate $dir/tls/server.pem;
    ssl_certificate_key $dir/tls/server.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    default_type text/plain;
    location = /20ms { echo_sleep 0.02; echo "ok"; }
    location = /100ms { echo_sleep 0.1; echo "ok"; }
    location / { return 404; }
  }
  server {
    listen 127.0.0.1:$status_port;
    access_log off;
    location / { stub_status; }
  }
}
CONF
    ready="$port $status_port" ;;
  *) echo "unknown nginx kind: $kind (plain or cloud)" >&2; exit 2 ;;
esac
pin=()
if [ -n "$cpu" ] && command -v taskset >/dev/null; then pin=(taskset -c "$cpu"); fi
"${pin[@]}" "$NGINX" -p "$dir" -c "$dir/nginx.conf" >"$dir/logs/stdout.log" 2>&1 &
pid=$!
for _ in $(seq 50); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    set -- $ready
    if [ $# = 2 ]; then echo "$1 $pid $2"; else echo "$1 $pid"; fi
    exit 0
  fi
  sleep 0.1
done
echo "nginx did not start; see $dir/logs/error.log" >&2
kill "$pid" 2>/dev/null || true
exit 1
