#!/usr/bin/env bash
# The end-to-end half of `make bench`: healthsite against its peers, on
# this machine, on 127.0.0.1 only, each comparison measured in this one
# run. It ends with one table of every target of issue 16: the work,
# healthsite's number, the peer's, their ratio, the target and whether
# it holds. A target missed prints "no"; the script fails only when
# something breaks (a build fails, a server exits, bytes differ).
#
#  1. `healthsite build -out` (every page also gzipped and brotli'd) and
#     Hugo (Debian's hugo) building the same generated Markdown, at 1,000
#     and 10,000 articles: wall time and peak memory (/usr/bin/time),
#     healthsite with an empty render cache (-cache), which it fills.
#     The Hugo site (hugo.toml and layouts, written below) makes roughly
#     the pages healthsite makes: an article page each, the home list
#     (paginated), tag and author pages, RSS and a sitemap. Hugo does NOT
#     compress anything, check links or front matter, build a search
#     index, write the 404 pages, nginx's redirect map or the language
#     switcher's alternates beyond its own translations list; healthsite
#     does all of these, so the comparison is of healthsite doing more.
#  2. the redeploy: `build -out` into the 10,000-article export after
#     one article's text changed, with the render cache the cold build
#     left (as a redeploy on the same machine has): its time against
#     the cold build's;
#     whether every file whose bytes did not change was left untouched
#     (same inode and same mtime: a rewrite, even with the same bytes,
#     makes a new inode in the new folder; ctime is not compared, since
#     the hard link that keeps a file changes it); whether the result is
#     byte-identical to a cold build of the changed site (every text
#     rendered anew, without the cache; every file of
#     the cold build, with its bytes; beyond them only the /static/
#     files of earlier exports kept for cached pages, and the manifest).
#  3. 10,000 articles to the first article served (exec of `healthsite
#     serve` to the first 200 of an article page) against Hugo's build
#     of them; the same for a three-language site (en, es, fr: every
#     article translated, same file name in es/ and fr/) against Hugo
#     building it with one contentDir per language. Each is measured
#     twice: a first start with an empty render cache, and a restart
#     with the cache that the build or the first start left.
#  4. serving one article: wrk against `healthsite serve` (production
#     middleware, request log on, to /dev/null), nginx on the export
#     (internal/export's nginx.conf) and Caddy on the export
#     (file_server with precompressed br gzip, admin and logs off),
#     alternating rounds, the same bytes checked from all three: server
#     CPU per request (from /proc) and p99 at c64.
#  5. search: p50 and p99 of /search?q= and /es/search?q= on the
#     three-language site of 10,000 articles per language. Its target is
#     "no regression": with BASE=<commit>, the same is measured for that
#     commit's healthsite and compared; without, it is printed to be
#     compared across runs.
#
# Needs wrk, nginx, hugo, caddy (apt-get install wrk nginx-light hugo
# caddy). Environment: ROUNDS (3) and DURATION (5s) of wrk, CONNECTIONS
# (64), SEARCH_CONNECTIONS (4), THREADS (2), SIZES ("1000 10000"), BASE (a commit, optional),
# GO (go); QUICK=1 is ROUNDS=1 DURATION=2s SIZES=1000, to try the script.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -n "${QUICK:-}" ]; then : "${ROUNDS:=1}" "${DURATION:=2s}" "${SIZES:=1000}"; fi
rounds=${ROUNDS:-3} duration=${DURATION:-5s} conns=${CONNECTIONS:-64} threads=${THREADS:-2}
sconns=${SEARCH_CONNECTIONS:-4} # searches are slower: at 64 at once they queue for seconds
sizes=(${SIZES:-1000 10000})
big=${sizes[-1]}
go=${GO:-go}
die() { echo "bench.sh: $*" >&2; exit 1; }
for c in wrk hugo caddy curl; do command -v "$c" >/dev/null || die "$c is not installed (apt-get install wrk nginx-light hugo caddy curl)"; done
nginx=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$nginx" ] || die "nginx is not installed (apt-get install nginx-light)"
[ -x /usr/bin/time ] || die "/usr/bin/time is not installed (apt-get install time)"

tmp=$(mktemp -d)
chmod 755 "$tmp" # nginx's workers read the export as another user
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -z "${BASE:-}" ] || git worktree remove --force "$tmp/base" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
hz=$(getconf CLK_TCK)
export HUGO_CACHEDIR=$tmp/hugo-cache
# healthsite's render cache: never the user's, so that no run finds what
# an earlier run rendered. Each measurement below says which it uses.
export HEALTHSITE_CACHE=$tmp/render-cache

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null ||
  node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
# ticks PID...: user+system CPU clock ticks used by the processes so far.
ticks() { local t=0 p f; for p in "$@"; do f=($(sed 's/.*) //' "/proc/$p/stat")); t=$((t + f[11] + f[12])); done; echo "$t"; }
hwm() { awk '/VmHWM/ {printf "%d", $2/1024}' "/proc/$1/status"; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", b - a}'; }
div() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# wait_for WHAT PID COMMAND...: runs COMMAND until it succeeds, for at
# most two minutes, failing if the process PID exits first.
wait_for() {
  local what=$1 pid=$2; shift 2
  for _ in $(seq 6000); do
    "$@" && return 0
    kill -0 "$pid" 2>/dev/null || die "$what exited"
    sleep 0.02
  done
  die "$what did not come up within two minutes"
}
ok200() { [ "$(curl -s -o /dev/null -w '%{http_code}' "$1")" = 200 ]; }

# The table, one row per target: work, healthsite, peer, ratio, target, holds.
table=()
# row WORK HEALTHSITE PEER RATIO OP LIMIT: a row whose target is RATIO OP LIMIT.
row() {
  local holds
  holds=$(awk -v r="$4" -v l="$6" -v op="$5" 'BEGIN {print ((op == "<=" ? r <= l : r >= l) ? "yes" : "no")}')
  table+=("$1|$2|$3|$4×|$5 $6×|$holds")
}

echo "== building healthsite and the generated sites"
"$go" build -trimpath -ldflags='-s -w' -o "$tmp/healthsite" ./cmd/healthsite
for n in "${sizes[@]}"; do "$go" run ./internal/sample/cmd/sample -n "$n" -out "$tmp/c$n" >/dev/null; done
"$go" run ./internal/sample/cmd/sample -n "$big" -languages en,es,fr -out "$tmp/m$big" >/dev/null
echo "$(nproc) cores; $(du -sh "$tmp/c$big" | cut -f1) of Markdown in the $big-article site, $(du -sh "$tmp/m$big" | cut -f1) in three languages; $(hugo version | cut -d' ' -f1-2), caddy $(caddy version | cut -d' ' -f1), $("$nginx" -v 2>&1 | sed 's/.*: //')"

# hugo_site SRC DST LANGS...: a Hugo site in DST of the generated
# content in SRC (hard links, not copies), in the languages LANGS (the
# first is the main one, at the top of SRC; the others in SRC/LANG/).
hugo_site() {
  local src=$1 dst=$2; shift 2
  local main=$1 lang
  mkdir -p "$dst/layouts/_default" "$dst/content"
  for lang in "$@"; do
    mkdir -p "$dst/content/$lang/articles"
    if [ "$lang" = "$main" ]; then cp -l "$src"/*.md "$dst/content/$lang/articles/"; else cp -l "$src/$lang"/*.md "$dst/content/$lang/articles/"; fi
  done
  {
    echo 'baseURL = "https://health.example.org/"'
    echo 'title = "Sample Health"'
    echo "defaultContentLanguage = \"$main\""
    echo 'paginate = 20'
    echo 'disableKinds = ["section"]' # healthsite has no /articles/ list
    echo 'timeZone = "UTC"'
    echo '[taxonomies]'
    echo '  tag = "tags"'
    echo '  author = "author"'
    echo '[markup.goldmark.renderer]'
    echo '  unsafe = false'
    echo '[languages]'
    for lang in "$@"; do
      echo "  [languages.$lang]"
      echo "    contentDir = \"content/$lang\""
      echo "    languageCode = \"$lang\""
    done
  } >"$dst/hugo.toml"
  # An article: its title, byline, tags, body and translations.
  cat >"$dst/layouts/_default/single.html" <<'HTML'
<!DOCTYPE html>
<html lang="{{ .Site.Language.Lang }}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title><meta name="description" content="{{ .Params.summary }}">
<link rel="canonical" href="{{ .Permalink }}">{{ range .Translations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">{{ end }}</head>
<body><header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a></header>
<main><article><h1>{{ .Title }}</h1>
<p>By {{ delimit (.GetTerms "author") ", " }} · <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>{{ with .Params.updated }} · updated {{ . }}{{ end }}{{ with .Params.reviewed_by }} · reviewed by {{ . }}{{ end }}</p>
<p>{{ .Params.summary }}</p>
<nav>{{ range .GetTerms "tags" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</nav>
{{ .TableOfContents }}
{{ .Content }}
{{ with .Translations }}<ul>{{ range . }}<li><a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.Lang }}</a></li>{{ end }}</ul>{{ end }}
</article></main></body></html>
HTML
  # The home page, a tag's or an author's page, and the lists of them:
  # twenty articles a page, with their summaries.
  cat >"$dst/layouts/_default/list.html" <<'HTML'
<!DOCTYPE html>
<html lang="{{ .Site.Language.Lang }}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title><link rel="canonical" href="{{ .Permalink }}">
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}">{{ end }}</head>
<body><header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a></header>
<main><h1>{{ .Title }}</h1>
{{ $pager := .Paginate .Pages }}
<ul>{{ range $pager.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2 January 2006" }}</time><p>{{ .Params.summary }}</p></li>{{ end }}</ul>
<nav>{{ with $pager.Prev }}<a href="{{ .URL }}">Newer</a>{{ end }} {{ with $pager.Next }}<a href="{{ .URL }}">Older</a>{{ end }}</nav>
</main></body></html>
HTML
  cp "$dst/layouts/_default/list.html" "$dst/layouts/_default/terms.html"
}

# hugo_build DIR NAME: builds the Hugo site in DIR; sets $t (s) and $m (MiB).
hugo_build() {
  /usr/bin/time -f '%e %M' -o "$tmp/$2.time" hugo -s "$1" -d "$tmp/$2.public" >"$tmp/$2.log" 2>&1 ||
    { cat "$tmp/$2.log" >&2; die "hugo failed on $1"; }
  if grep -E 'WARN|ERROR' "$tmp/$2.log"; then die "hugo warned building $1"; fi
  read -r t m <"$tmp/$2.time"; m=$((m / 1024))
}
# hs_build CONTENT OUT NAME CACHE: healthsite build -out with the render
# cache in the folder CACHE (or off); sets $t (s) and $m (MiB).
hs_build() {
  HEALTHSITE_CACHE=$4 /usr/bin/time -f '%e %M' -o "$tmp/$3.time" "$tmp/healthsite" build -content "$1" -out "$2" -base-url https://health.example.org >/dev/null 2>"$tmp/$3.err" ||
    { cat "$tmp/$3.err" >&2; die "healthsite build failed on $1"; }
  read -r t m <"$tmp/$3.time"; m=$((m / 1024))
}

echo
echo "== 1. build -out against Hugo on the same Markdown"
declare -A hugo_t
printf '%8s %-10s %9s %9s %8s\n' articles builder seconds "peak MiB" pages
for n in "${sizes[@]}"; do
  hugo_site "$tmp/c$n" "$tmp/hugo$n" en
  # Cold: an empty render cache, which this build fills.
  hs_build "$tmp/c$n" "$tmp/export$n" "hs$n" "$tmp/cache$n"; ht=$t hm=$m
  printf '%8d %-10s %9s %9s %8s\n' "$n" healthsite "$ht" "$hm" "$(find "$tmp/export$n" -name index.html | wc -l)"
  hugo_build "$tmp/hugo$n" "hugo$n"; hugo_t[$n]=$t
  printf '%8d %-10s %9s %9s %8s\n' "$n" hugo "$t" "$m" "$(find "$tmp/hugo$n.public" -name index.html | wc -l)"
  [ "$n" -ge 10000 ] && limit=0.25 || limit=0.5
  row "build -out, $n articles: time" "${ht} s" "Hugo ${t} s" "$(div "$ht" "$t")" "<=" "$limit"
  row "build -out, $n articles: peak memory" "${hm} MiB" "Hugo ${m} MiB" "$(div "$hm" "$m")" "<=" 0.2
  cold_t=$ht
done

echo
echo "== 2. the redeploy: one article changed, build -out into the $big-article export"
# listing DIR: every file's path, inode, mtime and SHA-256.
listing() { (export LC_ALL=C; cd "$1" && find . -type f -printf '%P %i %T@\n' | sort >"$tmp/list.meta" &&
  find . -type f -printf '%P\0' | xargs -0 sha256sum | awk '{print $2, $1}' | sort >"$tmp/list.sum" &&
  join "$tmp/list.meta" "$tmp/list.sum"); }
listing "$tmp/export$big" >"$tmp/before"
changed=$tmp/c$big/$(sample_slug=article-$(printf '%05d' $((big / 2))); echo "$sample_slug").md
sed -i '0,/^## /s//Walking every day helps.\n\n## /' "$changed"
sleep 1.1 # a later mtime than the cold build's for anything rewritten
# With the render cache the cold build left, as a redeploy has.
hs_build "$tmp/c$big" "$tmp/export$big" redeploy "$tmp/cache$big"; rt=$t
listing "$tmp/export$big" >"$tmp/after"
# Files with the same bytes before and after; of them, those touched.
read -r same touched < <(LC_ALL=C join "$tmp/before" "$tmp/after" | awk '$4 == $7 {s++; if ($2 != $5 || $3 != $6) t++} END {print s+0, t+0}')
changedfiles=$(LC_ALL=C join -v2 <(awk '{print $1, $4}' "$tmp/before") <(awk '{print $1, $4}' "$tmp/after") | wc -l)
hs_build "$tmp/c$big" "$tmp/fresh$big" fresh off # every text rendered anew
# Every file of the cold build, with its bytes, is in the redeploy;
# what the redeploy has beyond them may only be the earlier exports'
# /static/ files it keeps for pages still in caches, and their list.
(cd "$tmp/fresh$big" && find . -type f ! -name .healthsite-manifest -print0 | xargs -0 sha256sum) >"$tmp/fresh.sum"
extra=$(LC_ALL=C comm -13 <(cd "$tmp/fresh$big" && find . -type f | sort) <(cd "$tmp/export$big" && find . -type f | sort) |
  grep -v -e '^\./\.healthsite-manifest$' -e '^\./\.healthsite-retired$' -e '^\./static/' || true)
if (cd "$tmp/export$big" && sha256sum -c --quiet "$tmp/fresh.sum") >"$tmp/diff" 2>&1 && [ -z "$extra" ]; then identical=yes; else identical=no; echo "$extra" >>"$tmp/diff"; fi
echo "cold ${cold_t} s, redeploy ${rt} s; $changedfiles files changed or new; $touched of the $same files with unchanged bytes were touched; byte-identical to a cold build: $identical"
[ "$identical" = yes ] || head -5 "$tmp/diff"
row "redeploy, 1 of $big articles changed: time" "${rt} s" "cold ${cold_t} s" "$(div "$rt" "$cold_t")" "<=" 0.1
table+=("redeploy: unchanged files untouched|$touched of $same touched|—|—|0 touched|$([ "$touched" = 0 ] && echo yes || echo no)")
table+=("redeploy: byte-identical to a cold build|diff -r: $identical|—|—|identical|$identical")

echo
echo "== 3. $big articles to the first article served, against Hugo's build"
hugo_site "$tmp/m$big" "$tmp/hugom$big" en es fr
hugo_build "$tmp/hugom$big" "hugom$big"; hugo_mt=$t
printf 'Hugo, %d articles in each of en, es, fr: %s s, peak %s MiB, %s pages\n' "$big" "$t" "$m" "$(find "$tmp/hugom$big.public" -name index.html | wc -l)"
# first_served CONTENT PATH CACHE: starts serve on CONTENT with the render
# cache in CACHE, polls PATH until it is a 200; sets $t (s from exec)
# and leaves the server running as $srv_pid on $srv_port.
first_served() {
  srv_port=$(free_port)
  local t0; t0=$(now)
  HEALTHSITE_CACHE=$3 "$tmp/healthsite" serve -addr "127.0.0.1:$srv_port" -content "$1" -base-url https://health.example.org >"$tmp/serve.out" 2>/dev/null &
  srv_pid=$!; pids+=("$srv_pid")
  wait_for serve "$srv_pid" ok200 "http://127.0.0.1:$srv_port$2"
  t=$(secs "$t0" "$(now)")
}
# Each twice: the first start on this machine (an empty render cache),
# and a restart (the cache the last build or start left).
first_served "$tmp/c$big" /articles/article-00001/ "$tmp/cache-serve$big"
kill "$srv_pid"; wait "$srv_pid" 2>/dev/null || true
echo "one language: first article served after $t s with an empty render cache (Hugo builds it in ${hugo_t[$big]} s)"
row "$big articles to the first article served, empty cache" "${t} s" "Hugo build ${hugo_t[$big]} s" "$(div "$t" "${hugo_t[$big]}")" "<=" 0.1
first_served "$tmp/c$big" /articles/article-00001/ "$tmp/cache$big"
kill "$srv_pid"; wait "$srv_pid" 2>/dev/null || true
echo "one language: first article served after $t s with the render cache of the build"
row "$big articles to the first article served, restart" "${t} s" "Hugo build ${hugo_t[$big]} s" "$(div "$t" "${hugo_t[$big]}")" "<=" 0.1
first_served "$tmp/m$big" /fr/articles/article-00001/ "$tmp/cache-m$big"
kill "$srv_pid"; wait "$srv_pid" 2>/dev/null || true
echo "three languages: first article served after $t s with an empty render cache (Hugo builds them in $hugo_mt s)"
row "$big articles ×3 languages to the first served, empty cache" "${t} s" "Hugo build ${hugo_mt} s" "$(div "$t" "$hugo_mt")" "<=" 0.1
first_served "$tmp/m$big" /fr/articles/article-00001/ "$tmp/cache-m$big"
echo "three languages: first article served after $t s on a restart"
row "$big articles ×3 languages to the first served, restart" "${t} s" "Hugo build ${hugo_mt} s" "$(div "$t" "$hugo_mt")" "<=" 0.1
msrv_pid=$srv_pid msrv_port=$srv_port

echo
echo "== 5. search latency, $big articles in each of three languages: wrk -t$threads -c$sconns -d$duration, $rounds rounds"
# search_latency PORT: p50 and p99 (ms) of the searches, each the median over rounds.
search_latency() {
  local port=$1 q out p50s=() p99s=() r
  for r in $(seq "$rounds"); do
    for q in "/search?q=stretching+the+neck" "/es/search?q=estiramientos" "/fr/search?q=sommeil"; do
      out=$(wrk -t"$threads" -c"$sconns" -d"$duration" --timeout 10s --latency "http://127.0.0.1:$port$q")
      if grep -q 'Non-2xx\|Socket errors' <<<"$out"; then echo "$out" >&2; die "wrk saw errors on $q"; fi
      p50s+=($(awk '$1 == "50%" {print $2}' <<<"$out" | to_ms)) p99s+=($(awk '$1 == "99%" {print $2}' <<<"$out" | to_ms))
    done
  done
  echo "$(median "${p50s[@]}") $(median "${p99s[@]}")"
}
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}'; }
# The server answers searches once its index is built.
wait_for serve "$msrv_pid" sh -c "curl -sf http://127.0.0.1:$msrv_port/healthz | grep -qE ' ([0-9]+) of \\1 pages compressed'"
wait_for serve "$msrv_pid" ok200 "http://127.0.0.1:$msrv_port/es/search?q=sue%C3%B1o"
read -r p50 p99 < <(search_latency "$msrv_port")
kill "$msrv_pid"; wait "$msrv_pid" 2>/dev/null || true
echo "this tree: p50 $p50 ms, p99 $p99 ms"
if [ -n "${BASE:-}" ]; then
  git worktree add -f --detach "$tmp/base" "$BASE" >/dev/null 2>&1 || die "cannot check out BASE=$BASE"
  (cd "$tmp/base" && "$go" build -trimpath -ldflags='-s -w' -o "$tmp/healthsite-base" ./cmd/healthsite)
  bport=$(free_port)
  "$tmp/healthsite-base" serve -addr "127.0.0.1:$bport" -content "$tmp/m$big" -base-url https://health.example.org >/dev/null 2>&1 &
  bpid=$!; pids+=("$bpid")
  wait_for "serve of $BASE" "$bpid" ok200 "http://127.0.0.1:$bport/es/search?q=sue%C3%B1o"
  sleep 5 # let it finish compressing, as the server of this tree had
  read -r b50 b99 < <(search_latency "$bport")
  kill "$bpid"; wait "$bpid" 2>/dev/null || true
  echo "$BASE: p50 $b50 ms, p99 $b99 ms"
  row "search p50 (c$sconns), $big articles ×3 languages" "${p50} ms" "$BASE ${b50} ms" "$(div "$p50" "$b50")" "<=" 1.1
  row "search p99 (c$sconns), $big articles ×3 languages" "${p99} ms" "$BASE ${b99} ms" "$(div "$p99" "$b99")" "<=" 1.1
else
  table+=("search p50 (c$sconns), $big articles ×3 languages|${p50} ms|—|—|no regression (BASE=commit to compare)|n/a")
  table+=("search p99 (c$sconns), $big articles ×3 languages|${p99} ms|—|—|no regression (BASE=commit to compare)|n/a")
fi

echo
echo "== 4. serving one article: wrk -t$threads -c$conns -d$duration, $rounds rounds, alternating serve, nginx, caddy"
"$tmp/healthsite" build -out "$tmp/export" -base-url https://health.example.org >/dev/null
path=/articles/myofascial-release-therapy/
sport=$(free_port)
"$tmp/healthsite" serve -addr "127.0.0.1:$sport" -base-url https://health.example.org >/dev/null 2>&1 &
spid=$!; pids+=("$spid")
nport=$(free_port)
mkdir -p "$tmp/nginx"
sed -e "s#listen 8080;#listen 127.0.0.1:$nport;#" -e "s#root /srv/healthsite;#root $tmp/export;#" -e "s#/srv/healthsite/#$tmp/export/#g" internal/export/testdata/nginx.conf >"$tmp/nginx/site.conf"
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
cport=$(free_port)
# Caddy as a plain static server of the export: the files as they are,
# the precompressed ones for the encodings asked for; no access log
# (none without a log directive), no runtime log, no admin endpoint.
cat >"$tmp/Caddyfile" <<CONF
{
	admin off
	auto_https off
	log default {
		output discard
	}
}
http://127.0.0.1:$cport {
	root * $tmp/export
	file_server {
		precompressed br gzip
	}
}
CONF
XDG_DATA_HOME=$tmp/caddy XDG_CONFIG_HOME=$tmp/caddy caddy run --config "$tmp/Caddyfile" --adapter caddyfile >"$tmp/caddy.log" 2>&1 &
cpid=$!; pids+=("$cpid")
wait_for serve "$spid" sh -c "curl -sf http://127.0.0.1:$sport/healthz | grep -qE ' ([0-9]+) of \\1 pages compressed'"
wait_for nginx "$npid" ok200 "http://127.0.0.1:$nport$path"
wait_for caddy "$cpid" ok200 "http://127.0.0.1:$cport$path"
nworkers=($(pgrep -P "$npid"))

# The same bytes from all three, or the comparison means nothing.
for enc in identity gzip br; do
  a=$(curl -s -H "Accept-Encoding: $enc" "http://127.0.0.1:$sport$path" | sha256sum)
  b=$(curl -s -H "Accept-Encoding: $enc" "http://127.0.0.1:$nport$path" | sha256sum)
  c=$(curl -s -H "Accept-Encoding: $enc" "http://127.0.0.1:$cport$path" | sha256sum)
  [ "$enc" = br ] || [ "$a" = "$b" ] || die "serve and nginx send different bytes for $path with Accept-Encoding: $enc"
  [ "$a" = "$c" ] || die "serve and caddy send different bytes for $path with Accept-Encoding: $enc"
done
size=$(curl -s -H 'Accept-Encoding: identity' "http://127.0.0.1:$sport$path" | wc -c)
gzsize=$(curl -s -H 'Accept-Encoding: gzip' "http://127.0.0.1:$sport$path" | wc -c)
echo "$path: $size bytes, $gzsize gzipped; serve has the production middleware (request log to /dev/null); nginx ${#nworkers[@]} workers, access_log off; caddy $(caddy version | cut -d' ' -f1)"

# run PORT ENCODING PIDS...: one wrk round; prints "rps p99_ms cpu_us_per_request".
run() {
  local port=$1 enc=$2; shift 2
  local before after out reqs rps p99
  before=$(ticks "$@")
  out=$(wrk -t"$threads" -c"$conns" -d"$duration" --latency -H "Accept-Encoding: $enc" "http://127.0.0.1:$port$path")
  after=$(ticks "$@")
  reqs=$(awk '/requests in/ {print $1}' <<<"$out")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out" | to_ms)
  if grep -q 'Non-2xx\|Socket errors' <<<"$out"; then echo "$out" >&2; die "wrk saw errors"; fi
  awk -v r="$rps" -v p="$p99" -v t=$((after - before)) -v n="$reqs" -v hz="$hz" 'BEGIN {printf "%s %s %.1f\n", r, p, t / hz * 1e6 / n}'
}

for enc in gzip identity; do
  printf '\nAccept-Encoding: %s\n' "$enc"
  printf '%-6s %-8s %12s %10s %14s\n' round server "requests/s" "p99 ms" "CPU µs/req"
  s_cpu=() n_cpu=() c_cpu=() s_p99=() n_p99=() c_p99=()
  for r in $(seq "$rounds"); do
    read -r rps p99 cpu < <(run "$sport" "$enc" "$spid")
    printf '%-6s %-8s %12s %10s %14s\n' "$r" serve "$rps" "$p99" "$cpu"; s_cpu+=("$cpu") s_p99+=("$p99")
    read -r rps p99 cpu < <(run "$nport" "$enc" "$npid" "${nworkers[@]}")
    printf '%-6s %-8s %12s %10s %14s\n' "$r" nginx "$rps" "$p99" "$cpu"; n_cpu+=("$cpu") n_p99+=("$p99")
    read -r rps p99 cpu < <(run "$cport" "$enc" "$cpid")
    printf '%-6s %-8s %12s %10s %14s\n' "$r" caddy "$rps" "$p99" "$cpu"; c_cpu+=("$cpu") c_p99+=("$p99")
  done
  sc=$(median "${s_cpu[@]}") nc=$(median "${n_cpu[@]}") cc=$(median "${c_cpu[@]}")
  sp=$(median "${s_p99[@]}") np=$(median "${n_p99[@]}") cp=$(median "${c_p99[@]}")
  echo "medians: CPU per request serve $sc µs, nginx $nc µs, caddy $cc µs; p99 serve $sp ms, nginx $np ms, caddy $cp ms"
  if [ "$enc" = gzip ]; then
    row "serve an article (gzip, c$conns): CPU/request" "$sc µs" "nginx $nc µs" "$(div "$sc" "$nc")" "<=" 1.5
    row "serve an article (gzip, c$conns): CPU/request" "$sc µs" "Caddy $cc µs" "$(div "$sc" "$cc")" "<=" 0.5
    row "serve an article (gzip, c$conns): p99" "$sp ms" "nginx $np ms" "$(div "$sp" "$np")" "<=" 2
  fi
done

echo
echo "== issue 16: every target, measured in this run ($(date -u '+%Y-%m-%d %H:%M UTC'), $(git rev-parse --short HEAD 2>/dev/null || echo '?'), load average $(cut -d' ' -f1-3 /proc/loadavg))"
{
  echo "work|healthsite|peer|ratio|target|holds"
  printf '%s\n' "${table[@]}"
} | column -t -s '|' -o ' | '
