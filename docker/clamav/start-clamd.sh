#!/usr/bin/env bash
# Starts a clamd for Lantern's tests and local development (docs/documents.md), with the committed
# test signature only (signatures/lantern-test.hdb: the MD5 of the EICAR test file), so no signature
# download is needed. Usage:
#   eval "$(docker/clamav/start-clamd.sh)"      # prints the exports, and the pid to stop it with
# It listens on a unix socket in a temporary directory and on TCP 127.0.0.1:${LANTERN_CLAMD_PORT:-3399}
# (not 3310: the end-to-end tests' web server uses that port).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
clamd_bin="$(command -v clamd || echo /usr/sbin/clamd)"
[ -x "$clamd_bin" ] || { echo "clamd is not installed (apt-get install clamav-daemon)" >&2; exit 1; }
port="${LANTERN_CLAMD_PORT:-3399}"
dir="$(mktemp -d -t lantern-clamd.XXXXXX)"
cat >"$dir/clamd.conf" <<CONF
DatabaseDirectory $here/signatures
LocalSocket $dir/clamd.sock
LocalSocketMode 660
TCPAddr 127.0.0.1
TCPSocket $port
Foreground yes
LogFile $dir/clamd.log
TemporaryDirectory $dir
StreamMaxLength 40M
MaxFileSize 40M
MaxScanSize 100M
CONF
if [ "$(id -u)" = "0" ]; then echo "User root" >>"$dir/clamd.conf"; fi
"$clamd_bin" --config-file="$dir/clamd.conf" >"$dir/stdout.log" 2>&1 &
pid=$!
for _ in $(seq 1 60); do
  if [ -S "$dir/clamd.sock" ]; then
    echo "export LANTERN_CLAMD_SOCKET='$dir/clamd.sock' LANTERN_CLAMD_PID='$pid'"
    echo "clamd is running (pid $pid, socket $dir/clamd.sock, 127.0.0.1:$port)" >&2
    exit 0
  fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 1
done
echo "clamd did not start; its log:" >&2
cat "$dir/clamd.log" "$dir/stdout.log" >&2 2>/dev/null || true
exit 1
