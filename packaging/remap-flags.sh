#!/usr/bin/env bash
# Prints the RUSTFLAGS that rewrite the build machine's paths in a release binary (panic
# locations name source files): the source tree becomes `baocao`, the crate registry and
# git checkouts `crates`, the home folder `~`. Used by packaging/windows.sh and CI; kept
# out of .cargo/config.toml so that everyday builds keep their cache.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cargo_home=${CARGO_HOME:-$HOME/.cargo}
cargo_home=$(cd "$cargo_home" && pwd)
# rustc applies the last prefix that matches: the widest first.
flags=(
  "--remap-path-prefix=$HOME=~"
  "--remap-path-prefix=$cargo_home/registry/src=crates"
  "--remap-path-prefix=$cargo_home/git/checkouts=crates"
  "--remap-path-prefix=$root=baocao"
)
echo "${flags[*]} ${RUSTFLAGS:-}"
