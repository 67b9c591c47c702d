#!/usr/bin/env bash
# Printing from the Windows build, under Wine, to a real CUPS queue.
#
#   bash packaging/wine/test-print.sh path/to/baocao.exe [project.ron]
#
# Wine hands GDI print jobs to CUPS, so the CUPS-PDF queue `PDF` (see .ci/run:
# `cupsd`, `lpadmin -p PDF -v cups-pdf:/ -E -P /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd`)
# receives what baocao.exe drew through the Windows spooler. Checks:
#   1. `print … --printer PDF --pages 2-3` exits 0 and CUPS-PDF writes a file of exactly
#      two pages, which look like pages 2 and 3 of the same exe's export (each printed
#      page is nearest, pixel by pixel at 20 dpi, to the export page it should be);
#   2. `--printer KhongCo` exits non-zero with the Vietnamese "no such printer" error;
#   3. `print --printers` lists PDF.
# Needs: wine64 (Debian's /usr/lib/wine/wine64), x86_64-w64-mingw32-gcc (for the
# ProcessPrng stub Wine 8 lacks), poppler-utils, python3, CUPS with the PDF queue.
# Environment: WINEPREFIX (default: a fresh one under the work folder), KEEP=1 keeps
# the work folder (printed at the end) with the page pictures to look at.
set -euo pipefail

exe=${1:?usage: test-print.sh path/to/baocao.exe [project.ron]}
here=$(cd "$(dirname "$0")" && pwd)
project=${2:-$here/../../assets/mau-binh-minh-hai.ron}
wine=${WINE:-$(command -v wine64 || echo /usr/lib/wine/wine64)}
export WINEDEBUG=${WINEDEBUG:--all}

fail() { echo "test-print: FAIL: $*" >&2; exit 1; }
for tool in "$wine" x86_64-w64-mingw32-gcc pdfinfo pdftoppm python3 lpstat; do
  command -v "$tool" >/dev/null || [ -x "$tool" ] || fail "missing $tool"
done
lpstat -p PDF >/dev/null 2>&1 || fail "CUPS has no queue named PDF (see .ci/run)"

work=$(mktemp -d)
[ "${KEEP:-}" = 1 ] || trap 'rm -rf "$work"' EXIT
export WINEPREFIX=${WINEPREFIX:-$work/wineprefix}
# A folder with Vietnamese letters and a space, as a clerk's would be.
dir="$work/Báo cáo xã"
mkdir -p "$dir"
cp "$exe" "$dir/baocao.exe"
cp "$project" "$dir/dự án.ron"
x86_64-w64-mingw32-gcc -shared -o "$dir/bcryptprimitives.dll" \
  "$here/bcryptprimitives.c" "$here/bcryptprimitives.def" -ladvapi32
cd "$dir"
run() { timeout 600 "$wine" baocao.exe "$@"; }

start=$(date +%s)
# 3. The printer list (also creates the prefix on first use).
list=$(run print --printers 2>&1) || fail "print --printers: $list"
grep -q '^PDF' <<<"$list" || fail "PDF not in the printer list: $list"

# 2. A printer that does not exist.
set +e
said=$(run print "dự án.ron" --printer KhongCo --pages 2-3 2>&1)
code=$?
set -e
[ "$code" -ne 0 ] || fail "--printer KhongCo exited 0: $said"
grep -q 'Không có máy in tên “KhongCo”' <<<"$said" || fail "unexpected error: $said"
grep -q 'PDF' <<<"$said" || fail "the error does not list the printers: $said"
echo "ok: --printer KhongCo exits $code: $(head -1 <<<"$said")"

# 1. Pages 2-3 to the CUPS-PDF queue.
out_dir=$(sed -n 's/^Out[[:space:]]*//p' /etc/cups/cups-pdf.conf 2>/dev/null | head -1)
out_dir=${out_dir:-\${HOME\}/PDF}
out_dir=${out_dir//\$\{HOME\}/$HOME}
mkdir -p "$out_dir"
before=$(ls "$out_dir")
said=$(run print "dự án.ron" --printer PDF --pages 2-3 2>&1) || fail "print exited non-zero: $said"
grep -q 'trang 2-3' <<<"$said" || fail "unexpected answer: $said"
echo "ok: $said"
printed=""
for _ in $(seq 1 180); do
  new=$(comm -13 <(echo "$before") <(ls "$out_dir") | grep '\.pdf$' || true)
  if [ -n "$new" ] && [ "$(wc -l <<<"$new")" -eq 1 ]; then
    size=$(stat -c %s "$out_dir/$new")
    sleep 1
    if [ "$size" -gt 0 ] && [ "$size" = "$(stat -c %s "$out_dir/$new")" ]; then
      printed="$out_dir/$new"
      break
    fi
  fi
  sleep 0.5
done
[ -n "$printed" ] || fail "no file appeared in $out_dir (lpstat -W completed -o; /var/log/cups/error_log)"
mv "$printed" "$work/in.pdf"
pages=$(pdfinfo "$work/in.pdf" | sed -n 's/^Pages:[[:space:]]*//p')
[ "$pages" = 2 ] || fail "the printed file has $pages pages, not 2"
size=$(pdfinfo "$work/in.pdf" | sed -n 's/^Page size:[[:space:]]*//p')
echo "ok: printed file: $pages pages, $size"

run export "dự án.ron" -o "xuất.pdf" >/dev/null || fail "export failed"
pdftoppm -r 20 -gray "xuất.pdf" "$work/goc"
pdftoppm -r 20 -gray "$work/in.pdf" "$work/in"
python3 - "$work" <<'PY' || fail "the printed pages do not look like pages 2 and 3"
import glob, sys
work = sys.argv[1]
def pgm(path):
    data = open(path, "rb").read()
    fields, at = [], 0
    while len(fields) < 4:
        while data[at:at + 1].isspace():
            at += 1
        start = at
        while not data[at:at + 1].isspace():
            at += 1
        fields.append(data[start:at])
    return int(fields[1]), int(fields[2]), data[at + 1:]
def distance(a, b):
    if a[:2] != b[:2]:
        return float("inf")
    return sum(abs(x - y) for x, y in zip(a[2], b[2])) / len(a[2])
originals = [pgm(p) for p in sorted(glob.glob(work + "/goc-*.pgm"))]
prints = [pgm(p) for p in sorted(glob.glob(work + "/in-*.pgm"))]
ok = True
for k, page in enumerate(prints):
    d = [distance(page, o) for o in originals]
    nearest = min(range(len(d)), key=d.__getitem__)
    print(f"printed page {k + 1}: nearest export page {nearest + 1} "
          f"(mean grey difference {d[nearest]:.2f}; to page {k + 2}: {d[k + 1]:.2f})")
    ok &= nearest == k + 1
sys.exit(0 if ok else 1)
PY
echo "ok: printed pages 1-2 look like export pages 2-3"
echo "test-print: passed in $(( $(date +%s) - start )) s${KEEP:+ (kept: $work)}"
