#!/usr/bin/env bash
# Builds the Windows download on Linux:
#   target/dist/baocao-<version>-windows-x64.zip
# holding baocao.exe (release, stripped, with icon and version information), the sample
# project to open, and the Vietnamese guide HUONG-DAN.txt (CRLF line ends); and, where
# NSIS is installed, the installer target/dist/baocao-<version>-windows-x64-cai-dat.exe.
#
# Needs: rustup target x86_64-pc-windows-gnu, Debian's gcc-mingw-w64-x86-64 (linker,
# windres, strip) and zip. CARGO_TARGET_DIR is honoured (default: target/).
#
# The source tree's and the crate registry's paths are rewritten in the binary
# (--remap-path-prefix), so that it carries no path of the build machine; the check is
# packaging/check-no-build-paths.sh. The flags are set here, not in .cargo/config.toml,
# so that the everyday debug builds keep their cache.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
target=x86_64-pc-windows-gnu
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
name="baocao-$version-windows-x64"
target_dir=${CARGO_TARGET_DIR:-$root/target}

start=$(date +%s)
# Optimised for size: the download stays under 20 MB zipped (at opt-level 3 it is
# 20.5 MB); the window and the exports are as quick to a clerk's eye.
CARGO_PROFILE_RELEASE_OPT_LEVEL=${CARGO_PROFILE_RELEASE_OPT_LEVEL:-s} \
RUSTFLAGS="$(bash packaging/remap-flags.sh)" \
CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=${CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER:-x86_64-w64-mingw32-gcc} \
  cargo build --release --locked --target "$target" --bin baocao
echo "windows.sh: release build took $(( $(date +%s) - start )) s"

dist="$root/target/dist"
stage="$dist/$name"
rm -rf "$stage" "$dist/$name.zip"
mkdir -p "$stage"
x86_64-w64-mingw32-strip -o "$stage/baocao.exe" "$target_dir/$target/release/baocao.exe"
cp assets/mau-binh-minh-hai.ron "$stage/mau-binh-minh-hai.ron"
# Notepad reads the guide as UTF-8 with its byte-order mark, on every Windows 10.
{ printf '\xef\xbb\xbf'; sed 's/\r$//; s/$/\r/' packaging/HUONG-DAN.txt; } > "$stage/HUONG-DAN.txt"
bash packaging/check-no-build-paths.sh "$stage/baocao.exe"
# Fixed dates and no extra attributes: the same sources give the same zip.
find "$stage" -exec touch -d "@${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}" {} +
(cd "$dist" && zip -q -X -9 -r "$name.zip" "$name")
size=$(stat -c %s "$dist/$name.zip")
echo "windows.sh: $dist/$name.zip ($(( size / 1024 )) KiB; baocao.exe $(( $(stat -c %s "$stage/baocao.exe") / 1024 )) KiB)"

# The optional installer (Start menu, .ron opens in baocao, uninstall), where NSIS is
# installed (Debian: nsis).
if command -v makensis >/dev/null; then
  setup="$dist/$name-cai-dat.exe"
  makensis -V2 -DVERSION="$version" -DSTAGE="$stage" -DOUTFILE="$setup" packaging/baocao.nsi
  echo "windows.sh: $setup ($(( $(stat -c %s "$setup") / 1024 )) KiB)"
else
  echo "windows.sh: makensis not found, no installer (apt-get install nsis)"
fi
