#!/usr/bin/env bash
# NN Playground behind HAProxy: N Streamlit replicas (one per core by default), websockets
# proxied, sessions sticky by cookie. One command starts it all; Ctrl-C or SIGTERM stops it
# all. See deploy/README.md.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: deploy/run.sh [options] [-- extra streamlit options]

  -n, --replicas N      Streamlit processes (env REPLICAS; default: nproc)
  -p, --port PORT       public port of the proxy (env PORT; default 8501)
      --bind ADDR       address the proxy listens on (env BIND; default 127.0.0.1)
      --public          listen on every IPv4 address (= --bind 0.0.0.0)
      --base-port P     first internal replica port; replicas use P, P+1, ...
                        (default: the first run of free ports above PORT)
      --dir DIR         run dir for haproxy.cfg, logs and pids (default: a new temp dir)
      --app FILE        the Streamlit script (default streamlit_app.py)
      --cookie-secret S shared server.cookieSecret (env STREAMLIT_SERVER_COOKIE_SECRET;
                        default: a new random one per start)
      --timeout SEC     how long to wait for each process to become healthy (default 90)
      --respawn         start a replica again when it exits (default: stop everything)

The class store (class mode's shared state; every replica gets the same setting):
      --data-dir DIR    SQLite (the default): the file DIR/class.sqlite3
                        (env NNPG_DATA_DIR; default ./data of the repository)
      --redis           start a local redis-server (Debian's; env REDIS_SERVER) on a free
                        port, its data in RUN_DIR/redis (appendonly, fsync per write)
      --redis-url URL   use the Redis at URL (redis://host:port/db): replicas on several
                        machines all give the same URL (env NNPG_CLASS_STORE)
  -h, --help

Options that look like Streamlit's (--section.option[=value], e.g.
--runner.postScriptGC=false) and everything after "--" go to every replica.
Env: PYTHON (interpreter with streamlit; default $VIRTUAL_ENV/bin/python or python3),
HAPROXY (the haproxy binary; default haproxy).
EOF
}

die() { echo "deploy/run.sh: $*" >&2; exit 2; }

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REPLICAS=${REPLICAS:-$(nproc 2>/dev/null || echo 1)}
PORT=${PORT:-8501}
BIND=${BIND:-127.0.0.1}
BASE_PORT=""
RUN_DIR=""
APP=streamlit_app.py
SECRET=${STREAMLIT_SERVER_COOKIE_SECRET:-}
TIMEOUT=90
COOKIE=NNPG_REPLICA
EXTRA=()
RESPAWN=0
DATA_DIR=${NNPG_DATA_DIR:-$ROOT/data}
REDIS_LOCAL=0
CLASS_STORE=${NNPG_CLASS_STORE:-}

while [ $# -gt 0 ]; do
  case $1 in
    -n|--replicas) REPLICAS=${2:?}; shift 2 ;;
    -p|--port) PORT=${2:?}; shift 2 ;;
    --bind) BIND=${2:?}; shift 2 ;;
    --public) BIND=0.0.0.0; shift ;;
    --base-port) BASE_PORT=${2:?}; shift 2 ;;
    --dir) RUN_DIR=${2:?}; shift 2 ;;
    --app) APP=${2:?}; shift 2 ;;
    --cookie-secret) SECRET=${2:?}; shift 2 ;;
    --timeout) TIMEOUT=${2:?}; shift 2 ;;
    --respawn) RESPAWN=1; shift ;;
    --data-dir) DATA_DIR=${2:?}; shift 2 ;;
    --redis) REDIS_LOCAL=1; shift ;;
    --redis-url) CLASS_STORE=${2:?}; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    --) shift; EXTRA+=("$@"); break ;;
    --*.*=*) EXTRA+=("$1"); shift ;;
    --*.*) EXTRA+=("$1" "${2:?$1 needs a value}"); shift 2 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
done

for n in "$REPLICAS" "$PORT" "$TIMEOUT" ${BASE_PORT:+"$BASE_PORT"}; do
  [[ $n =~ ^[0-9]+$ ]] || die "not a number: $n"
done
[ "$REPLICAS" -ge 1 ] || die "--replicas must be at least 1"

case $CLASS_STORE in
  ''|sqlite|redis://*|rediss://*|unix://*) ;;
  *) die "the class store is sqlite or a redis:// URL, not: $CLASS_STORE" ;;
esac
if [ "$REDIS_LOCAL" = 1 ]; then
  [ -z "$CLASS_STORE" ] || [ "$CLASS_STORE" = sqlite ] || die "--redis and --redis-url exclude each other"
  REDIS_SERVER=${REDIS_SERVER:-redis-server}
  if ! command -v "$REDIS_SERVER" >/dev/null 2>&1; then
    if [ "$REDIS_SERVER" = redis-server ] && [ -x /usr/bin/redis-server ]; then
      REDIS_SERVER=/usr/bin/redis-server
    else
      die "redis-server is not installed; install it with: sudo apt-get install redis-server"
    fi
  fi
fi

HAPROXY=${HAPROXY:-haproxy}
if ! command -v "$HAPROXY" >/dev/null 2>&1; then
  # Debian puts it in /usr/sbin, which a normal user's PATH may lack.
  if [ "$HAPROXY" = haproxy ] && [ -x /usr/sbin/haproxy ]; then
    HAPROXY=/usr/sbin/haproxy
  else
    die "haproxy is not installed; install it with: sudo apt-get install haproxy"
  fi
fi

if [ -n "${PYTHON:-}" ]; then PY=$PYTHON
elif [ -n "${VIRTUAL_ENV:-}" ] && [ -x "$VIRTUAL_ENV/bin/python" ]; then PY=$VIRTUAL_ENV/bin/python
else PY=python3
fi
"$PY" -c 'import streamlit' 2>/dev/null \
  || die "$PY cannot import streamlit; set PYTHON or activate the venv (pip install -r requirements.txt)"

cd "$ROOT"  # replicas read .streamlit/config.toml from here
[ -f "$APP" ] || die "no such app script: $APP"

if [ -z "$RUN_DIR" ]; then
  RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/nnpg-deploy.XXXXXX")
else
  mkdir -p "$RUN_DIR"
fi
RUN_DIR=$(cd "$RUN_DIR" && pwd)
rm -f "$RUN_DIR/ready" "$RUN_DIR/pids"
echo $$ >"$RUN_DIR/run.pid"  # kill "$(cat run.pid)" stops a run.sh started in the background

# The public port must be free; internal ports: consecutive and free right now (a port
# taken in between makes its replica fail to start, which the health wait reports).
PORTS=$("$PY" - "$BIND" "$PORT" "$REPLICAS" "${BASE_PORT:-$((PORT + 1))}" "${BASE_PORT:+fixed}" <<'PY'
import socket, sys
bind, public, n, start = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
fixed = sys.argv[5] == "fixed"
def free(port, host="127.0.0.1"):
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as servers do
        try:
            s.bind((host, port))
            return True
        except OSError:
            return False
if not free(public, bind):
    sys.exit(f"deploy/run.sh: cannot listen on {bind}:{public} (in use?); choose --port")
limit = start + 1 if fixed else min(start + 2000, 65536 - n)
for base in range(start, limit):
    ports = range(base, base + n)
    if public not in ports and all(free(p) for p in ports):
        print(" ".join(map(str, ports)))
        sys.exit(0)
sys.exit(f"deploy/run.sh: no {n} free consecutive ports at {start}" + ("" if fixed else " or above"))
PY
)
read -r -a PORTS <<<"$PORTS"

if [ -z "$SECRET" ]; then
  SECRET=$("$PY" -c 'import secrets; print(secrets.token_hex(32))')
fi

PIDS=()
NAMES=()
STOPPING=0

stop_all() {
  STOPPING=1
  trap - INT TERM HUP EXIT
  rm -f "$RUN_DIR/ready"
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  local deadline=$((SECONDS + 8))  # up to 8 s of wall time for a clean exit (a count of
  while ((SECONDS < deadline)); do  # sleeps ran long when forks were slow on a busy CI)
    local alive=0
    for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  for pid in "${PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
on_signal() {
  echo "deploy/run.sh: stopping (logs in $RUN_DIR)"
  stop_all
  exit 0
}
trap on_signal INT TERM HUP
trap 'stop_all' EXIT

started() {  # name pid
  NAMES+=("$1")
  PIDS+=("$2")
  echo "$1 $2" >>"$RUN_DIR/pids"
}

# wait_healthy "host:port:pid:log" ...: every /_stcore/health answers 200, or fail with
# the log of the process that died or stayed silent.
wait_healthy() {
  "$PY" - "$TIMEOUT" "$@" <<'PY'
import os, sys, time, urllib.request
timeout, targets = float(sys.argv[1]), [a.rsplit(":", 3) for a in sys.argv[2:]]
pending, deadline = {tuple(t) for t in targets}, time.monotonic() + timeout

def tail(log):
    try:
        with open(log, errors="replace") as f:
            return f.read()[-2000:]
    except OSError:
        return ""

while pending:
    for t in sorted(pending):
        host, port, pid, log = t
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            sys.exit(f"deploy/run.sh: {log} (pid {pid}) exited:\n{tail(log)}")
        try:
            with urllib.request.urlopen(f"http://{host}:{port}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    pending.discard(t)
        except OSError:
            pass
    if pending and time.monotonic() > deadline:
        sys.exit(f"deploy/run.sh: not healthy after {timeout:.0f} s: "
                 + ", ".join(f"{t[0]}:{t[1]} ({t[3]})" for t in sorted(pending)))
    if pending:
        time.sleep(0.2)
PY
}

# The class store: one for every replica. SQLite: one file in the data folder (replicas on
# this machine share it). Redis: a local server started here (--redis) or a given URL.
if [ "$REDIS_LOCAL" = 1 ]; then
  mkdir -p "$RUN_DIR/redis"
  rport=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  # appendfsync always: an answer acknowledged to a student is on disk (as SQLite's
  # synchronous=FULL); redis-server SIGTERMed by stop_all saves and exits
  setsid "$REDIS_SERVER" --port "$rport" --bind 127.0.0.1 --dir "$RUN_DIR/redis" \
    --appendonly yes --appendfsync always --save "" --daemonize no \
    --logfile "$RUN_DIR/redis/redis.log" >/dev/null 2>&1 &
  started redis $!
  "$PY" - "$rport" "$!" "$TIMEOUT" <<'PY' || { tail -20 "$RUN_DIR/redis/redis.log" >&2; exit 1; }
import os, socket, sys, time
port, pid, deadline = int(sys.argv[1]), int(sys.argv[2]), time.monotonic() + float(sys.argv[3])
while True:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        sys.exit("deploy/run.sh: redis-server exited")
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
            s.sendall(b"PING\r\n")
            if s.recv(64).startswith(b"+PONG"):
                break
    except OSError:
        pass
    if time.monotonic() > deadline:
        sys.exit("deploy/run.sh: redis-server not answering")
    time.sleep(0.1)
PY
  CLASS_STORE=redis://127.0.0.1:$rport/0
fi
if [ -z "$CLASS_STORE" ] || [ "$CLASS_STORE" = sqlite ]; then
  mkdir -p "$DATA_DIR" || die "cannot make the data folder $DATA_DIR"
  DATA_DIR=$(cd "$DATA_DIR" && pwd)
  CLASS_STORE=sqlite
  echo "sqlite:${NNPG_CLASS_DB:-$DATA_DIR/class.sqlite3}" >"$RUN_DIR/store"
else
  echo "$CLASS_STORE" >"$RUN_DIR/store"
fi
export NNPG_CLASS_STORE=$CLASS_STORE NNPG_DATA_DIR=$DATA_DIR

# The replicas: same app, same config, same cookie secret (through the environment, so it
# does not show in ps), same class store. Extra options come last, so they win. Every
# process gets a session of its own (setsid): Ctrl-C reaches run.sh alone, which stops
# them in order.
# Every session runs in a thread of its own; glibc's default of up to 8 malloc arenas per
# core let a replica's memory creep up by ~10% more over a classroom soak (measured with
# bench/bench_classroom.py, 20 students): two arenas keep it lower, for no measurable CPU.
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
start_replica() {  # index into PORTS; the new pid in REPLICA_PID, its log appended to
  local name=r$(($1 + 1)) port=${PORTS[$1]}
  STREAMLIT_SERVER_COOKIE_SECRET=$SECRET setsid "$PY" -m streamlit run "$APP" \
    --server.port "$port" --server.address 127.0.0.1 --server.headless true \
    --browser.gatherUsageStats false --server.fileWatcherType none \
    "${EXTRA[@]}" >>"$RUN_DIR/$name.log" 2>&1 &
  REPLICA_PID=$!
}
SERVERS=""
WAIT=()
for i in "${!PORTS[@]}"; do
  name=r$((i + 1)) port=${PORTS[$i]}
  : >"$RUN_DIR/$name.log"
  start_replica "$i"
  started "$name" "$REPLICA_PID"
  SERVERS+="    server $name 127.0.0.1:$port cookie $name"$'\n'
  WAIT+=("127.0.0.1:$port:$REPLICA_PID:$RUN_DIR/$name.log")
done

cfg=$(<"$ROOT/deploy/haproxy.cfg.in")
cfg=${cfg//@BIND@/$BIND}
cfg=${cfg//@PORT@/$PORT}
cfg=${cfg//@COOKIE@/$COOKIE}
cfg=${cfg//@SERVERS@/${SERVERS%$'\n'}}
printf '%s\n' "$cfg" >"$RUN_DIR/haproxy.cfg"
"$HAPROXY" -c -q -f "$RUN_DIR/haproxy.cfg" || die "bad $RUN_DIR/haproxy.cfg"

echo "deploy/run.sh: starting ${#PORTS[@]} replica(s) on 127.0.0.1:${PORTS[*]} (logs in $RUN_DIR; class store ${CLASS_STORE%%://*})"
wait_healthy "${WAIT[@]}" || exit 1

setsid "$HAPROXY" -db -f "$RUN_DIR/haproxy.cfg" >"$RUN_DIR/haproxy.log" 2>&1 &
started haproxy $!
case $BIND in 0.0.0.0|'*'|'') probe=127.0.0.1 ;; *) probe=$BIND ;; esac
wait_healthy "$probe:$PORT:$!:$RUN_DIR/haproxy.log" || exit 1

echo "http://$BIND:$PORT/" >"$RUN_DIR/ready"
echo "deploy/run.sh: NN Playground on http://$BIND:$PORT/ (${#PORTS[@]} replicas; Ctrl-C stops)"

# Until a signal arrives or any process exits; one that exits takes the rest down with it
# (let systemd or the container runtime restart the whole thing).
while :; do
  rc=0
  wait -n "${PIDS[@]}" || rc=$?
  [ "$STOPPING" = 1 ] && break
  for i in "${!PIDS[@]}"; do
    if ! kill -0 "${PIDS[$i]}" 2>/dev/null; then
      if [ "$RESPAWN" = 1 ] && [[ ${NAMES[$i]} == r* ]] && [ "${NAMES[$i]}" != redis ]; then
        # --respawn: the same replica again, on its port; HAProxy's health of the server
        # sends its new browsers elsewhere meanwhile (option redispatch)
        echo "deploy/run.sh: ${NAMES[$i]} exited (code $rc); starting it again" >&2
        wait "${PIDS[$i]}" 2>/dev/null || true
        start_replica "$((${NAMES[$i]#r} - 1))"
        PIDS[$i]=$REPLICA_PID
        : >"$RUN_DIR/pids.new"
        for j in "${!PIDS[@]}"; do echo "${NAMES[$j]} ${PIDS[$j]}" >>"$RUN_DIR/pids.new"; done
        mv "$RUN_DIR/pids.new" "$RUN_DIR/pids"
        continue
      fi
      echo "deploy/run.sh: ${NAMES[$i]} exited (code $rc); stopping (see $RUN_DIR/${NAMES[$i]}.log)" >&2
      exit 1
    fi
  done
done
