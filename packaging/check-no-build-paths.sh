#!/usr/bin/env bash
# Fails when a built program carries a path of the machine that built it: the source
# tree, the crate registry, the home folder (`strings`, 8-bit and UTF-16 strings).
#   bash packaging/check-no-build-paths.sh target/dist/…/baocao.exe [more binaries]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cargo_home=${CARGO_HOME:-$HOME/.cargo}
status=0
for bin in "$@"; do
  found=$( { strings -a -n 6 "$bin"; strings -a -n 6 -el "$bin"; } \
    | grep -F -e "$root" -e "$cargo_home" -e "$HOME/" -e "/work/" -e "/root/" -e ".cargo/registry" \
    | sort -u | head -n 20 || true)
  if [ -n "$found" ]; then
    echo "check-no-build-paths: $bin names paths of the build machine:" >&2
    echo "$found" >&2
    status=1
  else
    echo "check-no-build-paths: $bin: no path of the build machine"
  fi
done
exit $status
