# Helpers shared by the scripts in .ci/ that run the packaged server (sourced, not run).

log() { printf '\n== %s\n' "$*"; }

# A TCP port nothing listens on at 127.0.0.1.
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "no free port found" >&2
  return 1
}

# await_health URL SECONDS COMMAND…: polls URL until its JSON says "status":"UP"; fails as soon as COMMAND
# (is the server still running?) fails, or after SECONDS.
await_health() {
  local url=$1 seconds=$2
  shift 2
  for _ in $(seq 1 $((seconds * 2))); do
    [ "$(curl -sf --max-time 3 "$url" | jq -r .status 2>/dev/null)" = UP ] && return 0
    "$@" >/dev/null 2>&1 || { echo "the server stopped while starting" >&2; return 1; }
    sleep 0.5
  done
  echo "$url not UP within $seconds s" >&2
  return 1
}
