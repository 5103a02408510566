#!/usr/bin/env bash
# Load test of `newsloom serve` (issue 9): GET /api/stories with wrk while
# another client POSTs articles at a steady rate, on loopback.
#
#   bash scripts/load_test.sh [--duration 25] [--rate 100] [--connections 8]
#                             [--threads 2] [--preload 20000] [--batch 10]
#                             [--read-rate 0] [--build build]
#                             [--store sqlite|postgresql]
#
# 1. builds newsloom and the synthetic stream generator (bench/),
# 2. writes one synthetic stream (seed 7) and ingests its first --preload
#    articles into a fresh store (not annotated: the list is what is
#    measured): an SQLite file, or with --store postgresql a PostgreSQL
#    database on a private server this script starts in its temporary
#    folder (scripts/pg_test_server.sh ... durable: fsync on, as shipped)
#    and stops at the end,
# 3. starts `newsloom serve` on a free port with a bearer token,
# 4. for --duration seconds runs wrk (--threads threads, --connections
#    keep-alive connections) against GET /api/stories (the first page, as
#    the UI's list asks for it) and, at the same time, a Python client that
#    POSTs the stream's next articles, --batch per request, at --rate
#    articles per second on a fixed schedule from a pool of connections
#    (each article is clustered, stored and annotated). wrk runs flat out
#    unless --read-rate N: then each connection pauses between requests
#    (wrk's delay()) so that together they ask about N requests/s, and
#    the CPU wrk would burn is left to the server and the writer,
#    as with real clients,
# 5. stops the server with SIGTERM (graceful: it commits what it accepted)
#    and prints requests/s and latency percentiles of both, the machine's
#    load before the run, and how many articles the store holds.
#
# Target (issue 9): >= 2,000 story-list requests/s with p99 < 50 ms while
# ingesting 100 articles/s, on the project's 2-core VM. Everything (wrk,
# the poster, the server) shares the machine; run it when nothing else
# does, or say what else ran.
set -euo pipefail

DURATION=25
RATE=100
CONNECTIONS=8
WRK_THREADS=2
PRELOAD=20000
BATCH=10
READ_RATE=0
BUILD=build
STORE=sqlite
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) DURATION=$2; shift 2 ;;
    --rate) RATE=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --threads) WRK_THREADS=$2; shift 2 ;;
    --preload) PRELOAD=$2; shift 2 ;;
    --batch) BATCH=$2; shift 2 ;;
    --read-rate) READ_RATE=$2; shift 2 ;;
    --build) BUILD=$2; shift 2 ;;
    --store) STORE=$2; shift 2 ;;
    -h|--help) sed -n '2,35p' "$0"; exit 0 ;;
    *) echo "load_test.sh: unknown option $1 (see --help)" >&2; exit 1 ;;
  esac
done

cd "$(dirname "$0")/.."
case "$STORE" in
  sqlite|postgresql) ;;
  *) echo "load_test.sh: --store is sqlite or postgresql, not $STORE" >&2; exit 1 ;;
esac
command -v wrk >/dev/null || { echo "load_test.sh: wrk is not installed (apt-get install wrk)" >&2; exit 1; }
if [[ ! -f "$BUILD/build.ninja" && ! -f "$BUILD/Makefile" ]]; then
  cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
nice cmake --build "$BUILD" -j2 --target newsloom newsloom_synth >/dev/null

tmp=$(mktemp -d)
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid"; wait "$server_pid" || true
  fi
  if [[ "$STORE" == postgresql ]]; then bash scripts/pg_test_server.sh stop "$tmp/pg"; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
db="$tmp/load.db"
if [[ "$STORE" == postgresql ]]; then
  chmod 711 "$tmp"  # as root the server runs as the postgres user
  db=$(bash scripts/pg_test_server.sh start "$tmp/pg" durable)
fi
echo "== store: $STORE"

posts=$((RATE * DURATION + RATE * 5))
echo "== stream: $PRELOAD articles preloaded, up to $posts to post"
"$BUILD/bench/newsloom_synth" --count $((PRELOAD + posts)) --seed 7 > "$tmp/all.jsonl"
head -n "$PRELOAD" "$tmp/all.jsonl" > "$tmp/preload.jsonl"
tail -n +"$((PRELOAD + 1))" "$tmp/all.jsonl" > "$tmp/post.jsonl"
start=$(date +%s.%N)
"$BUILD/newsloom" ingest "$tmp/preload.jsonl" --db "$db" -q
echo "   preload ingested in $(echo "$(date +%s.%N) - $start" | bc) s"

head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$tmp/token"
chmod 600 "$tmp/token"
"$BUILD/newsloom" serve --db "$db" --listen 127.0.0.1:0 \
    --token-file "$tmp/token" --threads $((CONNECTIONS + 40)) -q 2> "$tmp/serve.log" &
server_pid=$!
port=""
for _ in $(seq 100); do
  port=$(sed -n 's|.*on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$tmp/serve.log")
  [[ -n "$port" ]] && break
  sleep 0.1
done
[[ -n "$port" ]] || { echo "load_test.sh: the server did not start:" >&2; cat "$tmp/serve.log" >&2; exit 1; }
url="http://127.0.0.1:$port"
curl -sf "$url/api/stories" > /dev/null

cat > "$tmp/poster.py" <<'EOF'
# POSTs the articles of a JSONL file on a fixed schedule (RATE articles a
# second, BATCH per request) from a pool of connections, so that a slow
# answer does not slow the schedule; prints what it achieved.
import concurrent.futures, http.client, json, sys, threading, time
port, rate, duration, token, path, batch = (int(sys.argv[1]), float(sys.argv[2]),
    float(sys.argv[3]), sys.argv[4], sys.argv[5], int(sys.argv[6]))
lines = [l for l in open(path, encoding="utf-8") if l.strip()]
headers = {"Content-Type": "application/x-ndjson", "Authorization": "Bearer " + token}
local = threading.local()
lock = threading.Lock()
latencies, sent, errors, accepted = [], [], [0], [0]
def post(body):
    if not hasattr(local, "conn"):
        local.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    t = time.monotonic()
    ok, n = False, 0
    for attempt in range(2):  # once more on a fresh connection: the server
        try:                  # closes keep-alive connections idle for 5 s
            local.conn.request("POST", "/api/articles", body=body, headers=headers)
            r = local.conn.getresponse()
            answer = r.read()
            ok, n = r.status == 200, (json.loads(answer)["accepted"] if r.status == 200 else 0)
            break
        except (ConnectionError, http.client.HTTPException):
            local.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    with lock:
        latencies.append(time.monotonic() - t)
        sent.append((latencies[-1], t - start))
        accepted[0] += n
        if not ok: errors[0] += 1
pool = concurrent.futures.ThreadPoolExecutor(max_workers=32)
start = time.monotonic()
requests = 0
for i in range(0, len(lines), batch):
    due = start + i / rate
    now = time.monotonic()
    if due - start >= duration:
        break
    if due > now:
        time.sleep(due - now)
    pool.submit(post, "".join(lines[i:i + batch]).encode("utf-8"))
    requests += 1
pool.shutdown(wait=True)
elapsed = time.monotonic() - start
latencies.sort()
pct = lambda p: latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000 if latencies else 0
print("posts: %d requests of %d articles in %.1f s: %.1f articles/s accepted, %d errors; "
      "latency (to commit) p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms"
      % (requests, batch, elapsed, accepted[0] / elapsed, errors[0],
         pct(0.50), pct(0.90), pct(0.99), latencies[-1] * 1000 if latencies else 0))
slowest = sorted(sent, reverse=True)[:max(1, len(sent) // 100)]
if slowest:
    print("posts: the slowest 1 %% were sent %.1f-%.1f s into the run"
          % (min(t for _, t in slowest), max(t for _, t in slowest)))
EOF

echo "== machine: $(nproc) cores, load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== $DURATION s: wrk -t$WRK_THREADS -c$CONNECTIONS GET /api/stories ($([[ $READ_RATE == 0 ]] && echo "flat out" || echo "paced to $READ_RATE/s")), and POST $RATE articles/s, $BATCH per request"
python3 "$tmp/poster.py" "$port" "$RATE" "$DURATION" "$(cat "$tmp/token")" "$tmp/post.jsonl" "$BATCH" > "$tmp/poster.txt" &
poster_pid=$!
wrk_script=()
if [[ "$READ_RATE" != 0 ]]; then
  # Each connection waits CONNECTIONS/READ_RATE s between its requests.
  echo "function delay() return $(echo "scale=3; 1000 * $CONNECTIONS / $READ_RATE" | bc) end" > "$tmp/pace.lua"
  wrk_script=(-s "$tmp/pace.lua")
fi
wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "${wrk_script[@]}" \
    "$url/api/stories" > "$tmp/wrk.txt"
wait "$poster_pid"
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
# The server's own view of the reads: its histogram of the time from
# routing a GET to its answer (no network, no queueing for a worker).
server_reads=$(curl -sf "$url/metrics" | python3 -c '
import re, sys
buckets = [(float(m.group(1)), int(m.group(2))) for m in re.finditer(
    r"newsloom_http_request_seconds_bucket\{le=\"([0-9.e+-]+)\"\} (\d+)", sys.stdin.read())]
total = buckets[-1][1] if buckets else 0
def upto(q):
    for le, n in buckets:
        if n >= q * total: return "%g ms" % (le * 1000)
    return "over %g ms" % (buckets[-1][0] * 1000)
print("server-side read time (GET, from routing to answer; bucket bounds): p50 <= %s, p99 <= %s, p99.9 <= %s of %d"
      % (upto(0.5), upto(0.99), upto(0.999), total))')
articles=$(curl -sf "$url/api/health" | python3 -c 'import json,sys; j=json.load(sys.stdin); print(j["articles"], "articles in", j["stories"], "stories")')
kill -TERM "$server_pid"; wait "$server_pid" || true
server_pid=""

echo "== results"
grep -E "Requests/sec|Non-2xx|Socket errors" "$tmp/wrk.txt" | sed 's/^ */story list: /'
sed -n '/Latency Distribution/,/99%/p' "$tmp/wrk.txt" | sed 's/^ */story list latency: /'
echo "$server_reads"
cat "$tmp/poster.txt"
echo "store after the run: $articles"
