#!/usr/bin/env bash
# Starts nginx as a fast local target: one worker process, 127.0.0.1 on a free port, its own temp
# prefix and config, `return 200 "ok"` for every path, no access log.
# Usage: bench/start-nginx.sh DIR [CPU]  -> prints "PORT PID"; stop with `kill PID`.
# CPU (optional) pins the nginx processes with taskset.
set -eu
dir="$1"; cpu="${2:-}"
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
[ -x "$NGINX" ] || { echo "nginx not found (bench/install-peers.sh installs it)" >&2; exit 1; }
mkdir -p "$dir/logs" "$dir/tmp"
port="$(node -e 's=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
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
  client_body_temp_path $dir/tmp;
  proxy_temp_path $dir/tmp;
  fastcgi_temp_path $dir/tmp;
  uwsgi_temp_path $dir/tmp;
  scgi_temp_path $dir/tmp;
  server {
    listen 127.0.0.1:$port backlog=4096;
    location / { default_type text/plain; return 200 "ok"; }
  }
}
CONF
pin=()
if [ -n "$cpu" ] && command -v taskset >/dev/null; then pin=(taskset -c "$cpu"); fi
"${pin[@]}" "$NGINX" -p "$dir" -c "$dir/nginx.conf" >"$dir/logs/stdout.log" 2>&1 &
pid=$!
for _ in $(seq 50); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port $pid"; exit 0; fi
  sleep 0.1
done
echo "nginx did not start; see $dir/logs/error.log" >&2
kill "$pid" 2>/dev/null || true
exit 1
