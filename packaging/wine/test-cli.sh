#!/usr/bin/env bash
# The Windows download tried as a clerk's PC would, under Wine and Xvfb:
#   bash packaging/wine/test-cli.sh [target/dist/baocao-<version>-windows-x64.zip]
# A fresh Wine prefix; the zip unpacked into C:\Người dùng\Báo cáo xã\ (far from the
# source tree, Vietnamese letters and spaces); the clerk's files on a second drive
# (D:\Hồ sơ xã\) named with Vietnamese letters, text files with CRLF line ends. Then:
# the window with no argument (the sample, not an error), the command-line acceptance
# (export + Decree 30 checker, check, import of CSV/XLSX/DOCX/text, new-report, verify of
# a pyHanko-signed PDF, aggregate), a typed word reaching the file on Ctrl+S, a save while
# another program holds the project open, and packaging/wine/test-print.sh if present.
#
# Needs: wine64 (Debian's), Xvfb, xdotool, ImageMagick (screenshots),
# x86_64-w64-mingw32-gcc (test helpers), python3 with pdfplumber, pyhanko, openssl.
# Screenshots and logs go to target/wine/. Exit status: the number of failed checks.
set -uo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
zip=${1:-$(ls -t target/dist/baocao-*-windows-x64.zip 2>/dev/null | head -n1)}
[ -f "$zip" ] || { echo "test-cli: no zip (run bash packaging/windows.sh first)" >&2; exit 2; }
zip=$(cd "$(dirname "$zip")" && pwd)/$(basename "$zip")
shared=${BAOCAO_SHARED:-$repo/../shared}
[ -d "$shared/tools" ] || shared=/work/shared
wine=$(command -v wine64 || command -v wine || echo /usr/lib/wine/wine64)
wineserver=$(command -v wineserver || echo /usr/lib/wine/wineserver)
artifacts=$repo/target/wine
mkdir -p "$artifacts"
work=$(mktemp -d "${TMPDIR:-/tmp}/baocao-wine.XXXXXX")
export WINEPREFIX=$work/prefix WINEARCH=win64 WINEDEBUG=-all
# No Mono/Gecko installer dialogs; the test-only ProcessPrng stub beside the exe first.
export WINEDLLOVERRIDES="mscoree,mshtml=;bcryptprimitives=n,b"
export LANG=C.UTF-8 LC_ALL=C.UTF-8

failures=0
xvfb_pid=
cleanup() {
  "$wineserver" -k >/dev/null 2>&1 || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

pass() { echo "  ok   $1"; }
fail() { echo "  FAIL $1" >&2; failures=$((failures + 1)); }
# Runs one named check (a function), printing how long it took.
# BAOCAO_WINE_ONLY="aggregate installer" runs only the checks of those functions.
check() {
  local name=$1 t0
  shift
  if [ -n "${BAOCAO_WINE_ONLY:-}" ] && [[ " $BAOCAO_WINE_ONLY " != *" $1 "* ]]; then
    return
  fi
  t0=$(date +%s)
  echo "== $name"
  "$@"
  echo "   ($name: $(( $(date +%s) - t0 )) s)"
}
# Vietnamese letters that English text never has: a message a clerk can read.
is_vietnamese() { grep -qP '[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệịọỏốồổỗộớờởỡợụủứừửữựỹĐ]'; }
# CRLF copy of a text file.
crlf() { sed 's/\r$//; s/$/\r/' "$1" > "$2"; }

# --- A display and a fresh prefix ---------------------------------------------------
if [ -z "${DISPLAY:-}" ] || [ -n "${BAOCAO_WINE_XVFB:-}" ]; then
  for n in $(seq 90 120); do [ -e "/tmp/.X11-unix/X$n" ] || break; done
  Xvfb ":$n" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb_pid=$!
  export DISPLAY=":$n"
  for _ in $(seq 1 50); do [ -e "/tmp/.X11-unix/X$n" ] && break; sleep 0.1; done
fi
t0=$(date +%s)
"$wine" wineboot --init >/dev/null 2>&1
"$wineserver" -w
echo "== wine prefix ready ($(( $(date +%s) - t0 )) s, $("$wine" --version 2>/dev/null))"

install_unix="$WINEPREFIX/drive_c/Người dùng/Báo cáo xã"
install_win='C:\Người dùng\Báo cáo xã'
mkdir -p "$install_unix" "$work/unzipped"
unzip -q "$zip" -d "$work/unzipped"
mv "$work"/unzipped/baocao-*/* "$install_unix"/
ls "$install_unix" > "$work/installed-before"
# D: is the clerk's data drive.
mkdir -p "$work/d/Hồ sơ xã"
ln -sfn "$work/d" "$WINEPREFIX/dosdevices/d:"
data_unix="$work/d/Hồ sơ xã"
data_win='D:\Hồ sơ xã'

# Test-only helpers, never in the zip: the ProcessPrng stub and the file holder.
mkdir -p "$work/tools"
x86_64-w64-mingw32-gcc -shared -O2 -o "$install_unix/bcryptprimitives.dll" \
  packaging/wine/bcryptprimitives.c packaging/wine/bcryptprimitives.def -ladvapi32
x86_64-w64-mingw32-gcc -municode -O2 -o "$work/tools/holdopen.exe" packaging/wine/holdopen.c

# Runs baocao.exe by its Windows path, from the data folder.
bc() { (cd "$data_unix" && "$wine" "$install_win\\baocao.exe" "$@"); }
sample_copy() { cp "$install_unix/mau-binh-minh-hai.ron" "$1"; }

# Waits for a top-level window whose name matches $1; prints its id.
wait_window() {
  local id
  for _ in $(seq 1 120); do
    id=$(xdotool search --onlyvisible --name "$1" 2>/dev/null | tail -n1)
    [ -n "$id" ] && { echo "$id"; return 0; }
    sleep 1
  done
  return 1
}

# --- The window with no argument: the sample as a new unsaved project ------------
window_without_file() {
  (cd "$work" && "$wine" "$install_win\\baocao.exe") >"$artifacts/window-sample.log" 2>&1 &
  local pid=$! id name
  if ! id=$(wait_window 'baocao'); then
    fail "no baocao window within 120 s (log: target/wine/window-sample.log)"
    kill "$pid" 2>/dev/null
    return
  fi
  # The title follows the open project once the first frames are drawn.
  for _ in $(seq 1 30); do
    name=$(xdotool getwindowname "$id" 2>/dev/null)
    case $name in *"Dự án mẫu"*) break ;; esac
    sleep 1
  done
  import -window root "$artifacts/cua-so-du-an-mau.png" 2>/dev/null
  echo "   window title: $name"
  case $name in
    *"Dự án mẫu"*"chưa lưu"*) pass "the window opens the bundled sample as a new unsaved project" ;;
    *) fail "window title is “$name”, not the unsaved sample (screenshot target/wine/cua-so-du-an-mau.png)" ;;
  esac
  if xdotool search --onlyvisible --name 'Program Error|winedbg|Lỗi' >/dev/null 2>&1; then
    fail "an error window is open beside it"
  fi
  kill "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  "$wineserver" -w
  ls "$install_unix" > "$work/installed-after"
  if diff -q "$work/installed-before" <(grep -v '^bcryptprimitives.dll$' "$work/installed-after") >/dev/null; then
    pass "nothing was written beside the program"
  else
    fail "files appeared beside the program: $(diff "$work/installed-before" "$work/installed-after" | tr '\n' ' ')"
  fi
  if find "$WINEPREFIX/drive_c/users" "$install_unix" -name '*.recovery' -o -name '*.lock' 2>/dev/null | grep -q .; then
    fail "a recovery copy or lock was written for the untouched sample"
  else
    pass "no recovery copy or lock for the untouched sample"
  fi
}

# --- Export, checked by the independent Decree 30 checker --------------------------
export_pdf() {
  sample_copy "$data_unix/dự án mẫu.ron"
  local out
  out=$(bc export "$data_win\\dự án mẫu.ron" -o "$data_win\\Báo cáo quý II.pdf" 2>&1)
  if [ $? -eq 0 ] && [ -s "$data_unix/Báo cáo quý II.pdf" ]; then
    pass "export to a Vietnamese-named PDF on D: ($(echo "$out" | head -n1))"
  else
    fail "export: $out"
    return
  fi
  cp "$data_unix/Báo cáo quý II.pdf" "$artifacts/bao-cao-wine.pdf"
  local report
  report=$(python3 "$shared/tools/nd30check.py" "$data_unix/Báo cáo quý II.pdf" --draft --max-kb 100 2>&1)
  if [ $? -eq 0 ]; then
    pass "nd30check: $(echo "$report" | tail -n1)"
  else
    fail "nd30check on the Windows export:"$'\n'"$report"
  fi
  out=$(bc export "$data_win\\dự án mẫu.ron" --format docx -o "$data_win\\Báo cáo quý II.docx" 2>&1)
  if [ $? -eq 0 ] && [ -s "$data_unix/Báo cáo quý II.docx" ]; then
    pass "export to Word (.docx)"
  else
    fail "export --format docx: $out"
  fi
}

check_files() {
  local out
  out=$(bc check "$data_win\\dự án mẫu.ron" 2>&1)
  if [ $? -eq 0 ]; then pass "check of the sample: $(echo "$out" | head -n1)"; else fail "check: $out"; fi
  printf 'ProjectX(\r\n  broken\r\n' > "$data_unix/tệp hỏng.ron"
  out=$(bc check "$data_win\\tệp hỏng.ron" 2>&1)
  if [ $? -ne 0 ] && echo "$out" | is_vietnamese; then
    pass "a damaged file is refused in Vietnamese, exit ≠ 0"
  else
    fail "check of a damaged file: $out"
  fi
}

# Imports $2 (a Windows path under D:) into a fresh copy of the sample named $1.
import_into() {
  local project=$1 table=$2 what=$3 out before
  shift 3
  sample_copy "$data_unix/$project"
  before=$(sha256sum < "$data_unix/$project")
  out=$(bc import "$data_win\\$project" "$data_win\\$table" "$@" --yes 2>&1)
  if [ $? -eq 0 ] && [ "$(sha256sum < "$data_unix/$project")" != "$before" ]; then
    pass "import of $what ($(echo "$out" | grep -m1 'Đã' || echo "$out" | tail -n1))"
  else
    fail "import of $what: $out"
  fi
}

imports() {
  crlf tests/fixtures/import/chi-tieu.csv "$data_unix/chỉ tiêu quý II.csv"
  import_into "nhập bảng CSV.ron" "chỉ tiêu quý II.csv" "a CRLF CSV table"
  cp tests/fixtures/import/nhiem-vu.xlsx "$data_unix/nhiệm vụ.xlsx"
  import_into "nhập bảng XLSX.ron" "nhiệm vụ.xlsx" "an XLSX table"
  crlf "$shared/seeds/003_8a9ce08749d756e0.txt" "$data_unix/báo cáo dán từ Word.txt"
  import_into "nhập văn bản.ron" "báo cáo dán từ Word.txt" "a CRLF text report" --period 2026-Q3
  if [ -s "$data_unix/Báo cáo quý II.docx" ]; then
    import_into "nhập Word.ron" "Báo cáo quý II.docx" "a Word report (.docx)" --period 2026-Q3
  else
    fail "no .docx to import (the Word export failed)"
  fi
}

new_report() {
  sample_copy "$data_unix/kỳ sau.ron"
  local out
  out=$(bc new-report "$data_win\\kỳ sau.ron" 2>&1)
  if [ $? -eq 0 ] && grep -c 'id: "' "$data_unix/kỳ sau.ron" >/dev/null \
     && [ "$(grep -c 'period:' "$data_unix/kỳ sau.ron")" -gt "$(grep -c 'period:' "$install_unix/mau-binh-minh-hai.ron")" ]; then
    pass "new-report adds the next period's report ($(echo "$out" | grep -m1 'Đã' || echo "$out" | head -n1))"
  else
    fail "new-report: $out"
  fi
}

# The sample approved by a leader, written by examples/approved_sample.rs (CI has built
# it with the test suite), so that a final export can be signed and verified.
verify_signed() {
  local project="$data_unix/dự án đã duyệt.ron" pdf="$data_unix/Báo cáo chính thức.pdf"
  local signed="$data_unix/Báo cáo đã ký.pdf" out status
  if ! cargo run -q --example approved_sample -- "$project" >/dev/null 2>"$artifacts/approved-sample.log"; then
    fail "examples/approved_sample could not write the approved sample (target/wine/approved-sample.log)"
    return
  fi
  out=$(bc export "$data_win\\dự án đã duyệt.ron" --final -o "$data_win\\Báo cáo chính thức.pdf" 2>&1)
  [ $? -eq 0 ] || { fail "export --final: $out"; return; }
  openssl req -x509 -newkey rsa:2048 -nodes -utf8 -days 30 -keyout "$work/ky.key" \
    -out "$work/ky.pem" -subj "/CN=Đỗ Thị Minh Huyền/O=UBND xã Bình Minh Hải" >/dev/null 2>&1
  if ! pyhanko sign addsig --field ChuKy1 pemder --key "$work/ky.key" --cert "$work/ky.pem" \
       --no-pass "$pdf" "$signed" >/dev/null 2>&1; then
    fail "pyHanko could not sign the Windows export"
    return
  fi
  out=$(bc verify "$data_win\\Báo cáo đã ký.pdf" "$data_win\\dự án đã duyệt.ron" 2>&1)
  status=$?
  echo "$out" > "$artifacts/verify.log"
  if [ $status -eq 0 ] && echo "$out" | grep -q 'Đỗ Thị Minh Huyền'; then
    pass "verify: the pyHanko-signed final PDF matches the approved report ($(echo "$out" | grep -m1 'Kết luận'))"
  else
    fail "verify of the signed final PDF (exit $status): $out"
  fi
  # The same signed file against the report changed since: a failing verdict.
  sed -i '0,/summary: "/s//summary: "Đã sửa sau khi ký. /' "$project"
  out=$(bc verify "$data_win\\Báo cáo đã ký.pdf" "$data_win\\dự án đã duyệt.ron" 2>&1)
  if [ $? -ne 0 ] && echo "$out" | grep -q 'Kết luận'; then
    pass "verify against the report changed after signing fails ($(echo "$out" | grep -m1 'Kết luận' | cut -c1-120))"
  else
    fail "verify after a change: $out"
  fi
}

aggregate() {
  mkdir -p "$work/d/Tổng hợp quý II"
  local name
  for name in "An Phú" "Bình Minh Hải" "Hồng Dương"; do
    sed "s/Bình Minh Hải/$name/g" "$install_unix/mau-binh-minh-hai.ron" \
      > "$work/d/Tổng hợp quý II/xã $name.ron"
  done
  local out
  out=$(bc aggregate 'D:\Tổng hợp quý II' -o 'D:\tổng hợp quý II.xlsx' 2>&1)
  if [ $? -eq 0 ] && [ "$(head -c2 "$work/d/tổng hợp quý II.xlsx" 2>/dev/null)" = "PK" ] \
     && echo "$out" | grep -q 'Đã tổng hợp 3 xã'; then
    pass "aggregate of three communes to XLSX ($(echo "$out" | grep -m1 'Đã tổng hợp'))"
  else
    fail "aggregate: $out"
  fi
}

# --- A typed word reaches the file on Ctrl+S --------------------------------------
typed_word_is_saved() {
  local project="$data_unix/cửa sổ gõ chữ.ron" word=WINESMOKE42 id pid
  sample_copy "$project"
  (cd "$data_unix" && "$wine" "$install_win\\baocao.exe" "$data_win\\cửa sổ gõ chữ.ron") \
    >"$artifacts/window-typing.log" 2>&1 &
  pid=$!
  if ! id=$(wait_window 'cửa sổ gõ chữ|baocao'); then
    fail "no window for the typing test"
    kill "$pid" 2>/dev/null
    return
  fi
  sleep 5
  xdotool windowactivate --sync "$id" 2>/dev/null || xdotool windowfocus "$id" 2>/dev/null
  # The Trích yếu field of the first step (Thông tin chung), where the 1366×740 window
  # draws it.
  local geo x y
  eval "$(xdotool getwindowgeometry --shell "$id")"
  x=$((X + ${BAOCAO_WINE_FIELD_X:-450})) y=$((Y + ${BAOCAO_WINE_FIELD_Y:-330}))
  xdotool mousemove "$x" "$y" click 1
  sleep 1
  xdotool key --window "$id" End
  xdotool type --delay 60 " $word"
  sleep 1
  xdotool key --window "$id" ctrl+s
  for _ in $(seq 1 20); do grep -q "$word" "$project" && break; sleep 0.5; done
  import -window root "$artifacts/cua-so-go-chu.png" 2>/dev/null
  if grep -q "$word" "$project"; then
    pass "a word typed in the window is in the file after Ctrl+S"
  else
    fail "the typed word is not in the file after Ctrl+S (screenshot target/wine/cua-so-go-chu.png)"
  fi
  kill "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  "$wineserver" -w
}

# --- Saving while another program holds the project open -----------------------------
# `share` empty: share mode 0 (nobody may even read it); `read`: others may read but not
# replace it, as a sync client or an antivirus holds a file: the import reads it, the
# save retries, then says so and keeps the work in a copy beside it.
held_open() {
  local share=$1 label=${1:-share mode 0}
  local project="$data_unix/đang mở ở Word $share.ron" out status before holder
  local name="đang mở ở Word $share.ron"
  sample_copy "$project"
  crlf tests/fixtures/import/chi-tieu.csv "$data_unix/chỉ tiêu khi tệp bận.csv"
  before=$(sha256sum < "$project")
  rm -f "$data_unix/held" "$data_unix/release" "$data_unix"/*-chua-luu-*.ron "$project.recovery"
  (cd "$data_unix" && "$wine" "$work/tools/holdopen.exe" "$data_win\\$name" \
     "$data_win\\held" "$data_win\\release" $share) >"$artifacts/holdopen.log" 2>&1 &
  holder=$!
  for _ in $(seq 1 100); do [ -e "$data_unix/held" ] && break; sleep 0.2; done
  [ -e "$data_unix/held" ] || { fail "holdopen.exe did not take the file"; kill "$holder"; return; }
  out=$(bc import "$data_win\\$name" "$data_win\\chỉ tiêu khi tệp bận.csv" --yes 2>&1)
  status=$?
  echo "$out" > "$artifacts/held-open-import-${share:-0}.log"
  touch "$data_unix/release"
  wait "$holder"
  if [ "$(sha256sum < "$project")" = "$before" ] && [ $status -ne 0 ] && echo "$out" | is_vietnamese \
     && echo "$out" | grep -q "chương trình khác"; then
    pass "held open ($label): refused in Vietnamese, the file intact ($(echo "$out" | tr '\n' ' ' | cut -c1-200))"
  else
    fail "held open ($label) (exit $status): $out"
  fi
  if [ "$share" = read ]; then
    if grep -qs "format_version" "$project.recovery" \
       || compgen -G "$data_unix/*-chua-luu-*.ron" >/dev/null; then
      pass "held open (read): the imported work is kept in a copy beside the project"
    else
      fail "held open (read): no copy of the work beside the project: $(ls -a "$data_unix" | tr "\n" "|")"
    fi
  fi
  out=$(bc import "$data_win\\$name" "$data_win\\chỉ tiêu khi tệp bận.csv" --yes 2>&1)
  if [ $? -eq 0 ] && [ "$(sha256sum < "$project")" != "$before" ]; then
    pass "once released ($label), the same import succeeds"
  else
    fail "after release ($label): $out"
  fi
}
held_open_both() {
  held_open ""
  held_open read
}

# The optional installer, run silently: files, Start menu, .ron association, uninstall.
installer() {
  local setup
  setup=$(ls "${zip%.zip}-cai-dat.exe" 2>/dev/null)
  if [ -z "$setup" ]; then
    echo "   (no installer beside the zip: makensis was not installed)"
    return
  fi
  cp "$setup" "$work/cài đặt baocao.exe"
  "$wine" "$work/cài đặt baocao.exe" /S >/dev/null 2>&1
  "$wineserver" -w
  local programs assoc
  programs=$(find "$WINEPREFIX/drive_c/users" -path '*AppData/Local/Programs/baocao/baocao.exe' | head -n1)
  assoc=$("$wine" reg query 'HKCU\Software\Classes\baocao.duan\shell\open\command' /ve 2>/dev/null | tr -d '\r')
  if [ -n "$programs" ] && echo "$assoc" | grep -q 'baocao.exe" "%1"' \
     && find "$WINEPREFIX/drive_c" -path '*Start Menu/Programs/baocao/*.lnk' | grep -q .; then
    pass "the installer puts baocao in Programs, the Start menu, and opens .ron files with it"
  else
    fail "installer: exe=${programs:-none}, association=${assoc:-none}"
    return
  fi
  cp "$install_unix/bcryptprimitives.dll" "$(dirname "$programs")/"
  local out
  sample_copy "$data_unix/thử bản cài đặt.ron"
  out=$("$wine" "$(dirname "$programs")/baocao.exe" check "$data_win\\thử bản cài đặt.ron" 2>&1)
  [ $? -eq 0 ] && pass "the installed program runs" || fail "installed program: $out"
  rm -f "$(dirname "$programs")/bcryptprimitives.dll"
  "$wine" "$(dirname "$programs")/go-cai-dat.exe" /S >/dev/null 2>&1
  "$wineserver" -w
  sleep 2
  if [ ! -e "$programs" ] && ! "$wine" reg query 'HKCU\Software\Classes\baocao.duan' >/dev/null 2>&1; then
    pass "the uninstaller removes the program and the association"
  else
    fail "after uninstalling: $(ls "$(dirname "$programs")" 2>&1 | tr '\n' ' ')"
  fi
}

printing() {
  if [ -f packaging/wine/test-print.sh ]; then
    # It gets the installed exe; WINEPREFIX, DISPLAY and WINEDLLOVERRIDES are set.
    if WINE="$wine" bash packaging/wine/test-print.sh "$install_unix/baocao.exe"; then
      pass "packaging/wine/test-print.sh"
    else
      fail "packaging/wine/test-print.sh"
    fi
  else
    echo "   (packaging/wine/test-print.sh not on this branch: printing not tried)"
  fi
}

total0=$(date +%s)
check "window without a file" window_without_file
check "export" export_pdf
check "check" check_files
check "import" imports
check "new-report" new_report
check "verify" verify_signed
check "aggregate" aggregate
check "typing in the window" typed_word_is_saved
check "held open" held_open_both
check "installer" installer
check "print" printing
echo "== Wine tests: $failures failed, $(( $(date +%s) - total0 )) s"
exit "$failures"
