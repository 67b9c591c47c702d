#!/usr/bin/env bash
# Prints the RUSTFLAGS that rewrite the build machine's paths in a release binary (panic
# locations name source files): the source tree becomes `baocao`, the crate registry and
# git checkouts `crates`, the target folder `target`, the home folder `~`. Used by
# packaging/windows.sh; kept out of .cargo/config.toml so that everyday builds keep
# their cache.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cargo_home=${CARGO_HOME:-$HOME/.cargo}
cargo_home=$(cd "$cargo_home" && pwd)
# Generated sources (bindings written into the target folder's OUT_DIRs) are named
# by their place in the target folder, wherever it is.
target_dir=${CARGO_TARGET_DIR:-$root/target}
mkdir -p "$target_dir"
target_dir=$(cd "$target_dir" && pwd)
# rustc applies the last prefix that matches: the widest first.
flags=(
  "--remap-path-prefix=$HOME=~"
  "--remap-path-prefix=$cargo_home/registry/src=crates"
  "--remap-path-prefix=$cargo_home/git/checkouts=crates"
  "--remap-path-prefix=$root=baocao"
  "--remap-path-prefix=$target_dir=target"
)
echo "${flags[*]} ${RUSTFLAGS:-}"
