#!/usr/bin/env bash
# Draws packaging/baocao.ico (a report page with a red seal on the program's blue) with
# ImageMagick. The icon is committed; run this only to change it.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
convert -size 256x256 xc:none \
  -fill '#1f5fa8' -draw 'roundrectangle 8,8 247,247 36,36' \
  -fill white -draw 'polygon 62,30 160,30 196,66 196,226 62,226' \
  -fill '#c9d6ea' -draw 'polygon 160,30 160,66 196,66' \
  -fill '#1f5fa8' -draw 'rectangle 84,60 140,68' \
  -fill '#7a8797' -draw 'rectangle 84,92 176,99' -draw 'rectangle 84,114 176,121' \
  -draw 'rectangle 84,136 176,143' -draw 'rectangle 84,158 140,165' \
  -fill '#d32f2f' -draw 'circle 158,192 158,168' \
  -fill '#ffd54f' -draw 'polygon 158,176 163,188 176,188 166,196 170,208 158,201 146,208 150,196 140,188 153,188' \
  "$tmp/baocao-256.png"
convert "$tmp/baocao-256.png" -define icon:auto-resize=256,64,48,32,16 baocao.ico
