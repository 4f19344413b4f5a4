#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server on a free loopback port, its own data
# directory, and DATABASE_URL_TEST pointing at it; stops the server and removes the directory
# afterwards, whatever the command's outcome. Installs Debian's postgresql when it is missing.
set -euo pipefail

find_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  return 1
}

BIN=$(find_bin || true)
if [ -z "$BIN" ]; then
  echo "Installing Debian's postgresql for the store tests..."
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
  BIN=$(find_bin)
fi

DIR=$(mktemp -d /tmp/flowdesk-pg.XXXXXX)
PORT=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
# PostgreSQL refuses to run as root: run it as the postgres user (or nobody) when we are root.
RUN_AS=()
if [ "$(id -u)" -eq 0 ]; then
  USER_NAME=postgres; id "$USER_NAME" >/dev/null 2>&1 || USER_NAME=nobody
  chown "$USER_NAME" "$DIR"
  RUN_AS=(runuser -u "$USER_NAME" --)
fi

stop() {
  "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap stop EXIT

"${RUN_AS[@]}" "$BIN/initdb" -D "$DIR/data" -U flowdesk --auth=trust -E UTF8 >/dev/null
"${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$DIR -c fsync=off -c max_connections=200" start >/dev/null
export DATABASE_URL_TEST="postgres://flowdesk@127.0.0.1:$PORT/postgres"
echo "Throwaway PostgreSQL on 127.0.0.1:$PORT (DATABASE_URL_TEST)"
"$@"
