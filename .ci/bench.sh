#!/usr/bin/env bash
# The end-to-end half of `make bench`, on this machine, on loopback only:
#
#  1. start to serving: generated sites of 1,000 and 10,000 articles,
#     from exec to the first 200 of /healthz, and to every page
#     compressed, with the peak resident memory at each point;
#  2. `healthsite build` of the 10,000 articles: time and peak memory;
#  3. serving one article: wrk against `healthsite serve` and against
#     nginx serving the export of the same site (internal/export's
#     nginx.conf), same article, same wrk settings, alternating rounds;
#     requests per second, p99 latency and server CPU per request (from
#     /proc), and their ratio.
#
# Needs wrk and nginx (apt-get install wrk nginx-light). Environment:
#   ROUNDS (3), DURATION (5s), CONNECTIONS (64), THREADS (2), GO (go)
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=${ROUNDS:-3} duration=${DURATION:-5s} conns=${CONNECTIONS:-64} threads=${THREADS:-2}
go=${GO:-go}
die() { echo "bench.sh: $*" >&2; exit 1; }
command -v wrk >/dev/null || die "wrk is not installed (apt-get install wrk)"
nginx=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$nginx" ] || die "nginx is not installed (apt-get install nginx-light)"
command -v curl >/dev/null || die "curl is not installed"

tmp=$(mktemp -d)
chmod 755 "$tmp" # nginx's workers read the export as another user
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
hz=$(getconf CLK_TCK)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null ||
  node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
# ticks PID...: user+system CPU clock ticks used by the processes so far.
ticks() { local t=0 p f; for p in "$@"; do f=($(sed 's/.*) //' "/proc/$p/stat")); t=$((t + f[11] + f[12])); done; echo "$t"; }
hwm() { awk '/VmHWM/ {printf "%d", $2/1024}' "/proc/$1/status"; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", b - a}'; }

echo "== building"
"$go" build -trimpath -ldflags='-s -w' -o "$tmp/healthsite" ./cmd/healthsite
"$go" run ./internal/sample/cmd/sample -n 1000 -out "$tmp/c1000" >/dev/null
"$go" run ./internal/sample/cmd/sample -n 10000 -out "$tmp/c10000" >/dev/null
echo "$(nproc) cores; $(du -sh "$tmp/c10000" | cut -f1) of Markdown in the 10,000-article site"

echo
echo "== start to serving (healthsite serve -content DIR)"
for n in 1000 10000; do
  port=$(free_port)
  t0=$(now)
  "$tmp/healthsite" serve -addr "127.0.0.1:$port" -content "$tmp/c$n" -base-url https://health.example.org >"$tmp/serve.out" 2>"$tmp/serve.log" &
  pid=$!; pids+=("$pid")
  # The server prints its own start-up time once it listens: polling
  # it with curl would take CPU from the start-up measured. The log's
  # "ready" line comes once every page is compressed and the search
  # index is built; memory is read then, and once the server has
  # given back what it no longer needs.
  until grep -qE 'serving [0-9]+ articles? (in .*)?at ' "$tmp/serve.out"; do
    kill -0 "$pid" 2>/dev/null || { cat "$tmp/serve.log" >&2; die "serve exited"; }
    sleep 0.01
  done
  m1=$(hwm "$pid")
  started=$(sed -n 's/.*(started in \(.*\))/\1/p' "$tmp/serve.out")
  until grep -q 'msg=ready' "$tmp/serve.log"; do
    kill -0 "$pid" 2>/dev/null || { cat "$tmp/serve.log" >&2; die "serve exited"; }
    sleep 0.05
  done
  t2=$(now); m2=$(hwm "$pid")
  rss=$(awk '/VmRSS/ {printf "%d", $2/1024}' "/proc/$pid/status")
  printf '%6d articles: serving after %s (peak %d MiB); every page compressed and search ready after %ss (peak %d MiB); then %d MiB resident\n' \
    "$n" "$started" "$m1" "$(secs "$t0" "$t2")" "$m2" "$rss"
  kill "$pid"; wait "$pid" 2>/dev/null || true
done

echo
echo "== healthsite build -out DIR, 10,000 articles"
t0=$(now)
/usr/bin/time -f '%M' -o "$tmp/build.mem" "$tmp/healthsite" build -content "$tmp/c10000" -out "$tmp/export10000" >/dev/null 2>"$tmp/build.err" ||
  { cat "$tmp/build.err" >&2; die "build failed"; }
t1=$(now)
printf '%6d articles: %ss, peak %d MiB, %s written\n' 10000 "$(secs "$t0" "$t1")" "$(( $(cat "$tmp/build.mem") / 1024 ))" "$(du -sh "$tmp/export10000" | cut -f1)"

echo
echo "== serving one article: wrk -t$threads -c$conns -d$duration, $rounds rounds, alternating"
"$tmp/healthsite" build -out "$tmp/export" -base-url https://health.example.org >/dev/null
path=/articles/myofascial-release-therapy/
sport=$(free_port)
"$tmp/healthsite" serve -addr "127.0.0.1:$sport" -base-url https://health.example.org >/dev/null 2>&1 &
spid=$!; pids+=("$spid")
nport=$(free_port)
mkdir -p "$tmp/nginx"
sed -e "s#listen 8080;#listen 127.0.0.1:$nport;#" -e "s#root /srv/healthsite;#root $tmp/export;#" internal/export/testdata/nginx.conf >"$tmp/nginx/site.conf"
cat >"$tmp/nginx/nginx.conf" <<CONF
daemon off;
worker_processes $(nproc);
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    open_file_cache max=1000 inactive=60s;
    client_body_temp_path $tmp/nginx/body;
    proxy_temp_path $tmp/nginx/proxy;
    fastcgi_temp_path $tmp/nginx/fastcgi;
    uwsgi_temp_path $tmp/nginx/uwsgi;
    scgi_temp_path $tmp/nginx/scgi;
    include $tmp/nginx/site.conf;
}
CONF
"$nginx" -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" &
npid=$!; pids+=("$npid")
# wait_for WHAT PID COMMAND...: runs COMMAND until it succeeds, for at
# most a minute, failing if the process PID exits first.
wait_for() {
  local what=$1 pid=$2; shift 2
  for _ in $(seq 3000); do
    "$@" && return 0
    kill -0 "$pid" 2>/dev/null || die "$what exited"
    sleep 0.02
  done
  die "$what did not come up within a minute"
}
wait_for serve "$spid" sh -c "curl -sf http://127.0.0.1:$sport/healthz | grep -qE ' ([0-9]+) of \\1 pages compressed'"
wait_for nginx "$npid" curl -sf -o /dev/null "http://127.0.0.1:$nport$path"
nworkers=($(pgrep -P "$npid"))

# The same bytes from both, or the comparison means nothing.
for enc in identity gzip; do
  a=$(curl -s -H "Accept-Encoding: $enc" "http://127.0.0.1:$sport$path" | sha256sum)
  b=$(curl -s -H "Accept-Encoding: $enc" "http://127.0.0.1:$nport$path" | sha256sum)
  [ "$a" = "$b" ] || die "serve and nginx send different bytes for $path with Accept-Encoding: $enc"
done
size=$(curl -s -H 'Accept-Encoding: identity' "http://127.0.0.1:$sport$path" | wc -c)
gzsize=$(curl -s -H 'Accept-Encoding: gzip' "http://127.0.0.1:$sport$path" | wc -c)
echo "$path: $size bytes, $gzsize gzipped; serve has the production middleware (request log to /dev/null); nginx ${#nworkers[@]} workers, access_log off"

# run NAME PORT ENCODING PIDS...: one wrk round; prints "rps p99_ms cpu_us_per_request".
run() {
  local port=$1 enc=$2; shift 2
  local before after out reqs rps p99
  before=$(ticks "$@")
  out=$(wrk -t"$threads" -c"$conns" -d"$duration" --latency -H "Accept-Encoding: $enc" "http://127.0.0.1:$port$path")
  after=$(ticks "$@")
  reqs=$(awk '/requests in/ {print $1}' <<<"$out")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}' <<<"$out")
  if grep -q 'Non-2xx\|Socket errors' <<<"$out"; then echo "$out" >&2; die "wrk saw errors"; fi
  awk -v r="$rps" -v p="$p99" -v t=$((after - before)) -v n="$reqs" -v hz="$hz" 'BEGIN {printf "%s %s %.1f\n", r, p, t / hz * 1e6 / n}'
}

for enc in gzip identity; do
  printf '\nAccept-Encoding: %s\n' "$enc"
  printf '%-6s %-8s %12s %10s %14s\n' round server "requests/s" "p99 ms" "CPU µs/req"
  s_cpu=() n_cpu=()
  for r in $(seq "$rounds"); do
    read -r rps p99 cpu < <(run "$sport" "$enc" "$spid")
    printf '%-6s %-8s %12s %10s %14s\n' "$r" serve "$rps" "$p99" "$cpu"; s_cpu+=("$cpu")
    read -r rps p99 cpu < <(run "$nport" "$enc" "$npid" "${nworkers[@]}")
    printf '%-6s %-8s %12s %10s %14s\n' "$r" nginx "$rps" "$p99" "$cpu"; n_cpu+=("$cpu")
  done
  median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
  sm=$(median "${s_cpu[@]}") nm=$(median "${n_cpu[@]}")
  awk -v s="$sm" -v n="$nm" 'BEGIN {printf "median CPU per request: serve %.1f µs, nginx %.1f µs, serve/nginx = %.2f\n", s, n, s / n}'
done
