#!/usr/bin/env bash
# Times the command line against the hostile files of issue 30 (made by
# examples/make_hostile.rs from the tests' generators): each must be refused, or read
# where legitimate, in < 2 s and < 256 MB. Prints one line per file: exit status,
# seconds, peak memory, and the first line of what the program said.
#
#   bash benches/hostile.sh            # the debug binary (cargo build)
#   PROFILE=release bash benches/hostile.sh
set -u
cd "$(dirname "$0")/.."
PROFILE=${PROFILE:-debug}
TARGET=${CARGO_TARGET_DIR:-target}
FLAG=""
[ "$PROFILE" = release ] && FLAG=--release
DIR=/tmp/baocao-hostile
# The binary is touched first so that cargo copies this worktree's build into place
# (a target dir shared by several worktrees may hold another one's), then copied.
touch src/main.rs
cargo build -q $FLAG --bin baocao || exit 1
mkdir -p "$DIR" && cp "$TARGET/$PROFILE/baocao" "$DIR/baocao" || exit 1
cargo run -q $FLAG --example make_hostile -- "$DIR" >/dev/null || exit 1
BIN="$DIR/baocao"
fail=0
run() {
    local name=$1; shift
    cp assets/mau-binh-minh-hai.ron "$DIR/p.ron"
    local out
    out=$( { /usr/bin/time -f '%e s %M KB' "$BIN" "$@" </dev/null >"$DIR/out.txt" 2>"$DIR/err.txt"; echo "rc=$?"; } 2>&1 )
    local rc=${out##*rc=}
    local tm
    tm=$(grep -E '^[0-9.]+ s [0-9]+ KB$' "$DIR/err.txt" | tail -1)
    local said
    said=$(grep -vE '^[0-9.]+ s [0-9]+ KB$' "$DIR/err.txt" | head -1)
    [ -z "$said" ] && said=$(tail -1 "$DIR/out.txt")
    local secs=${tm%% s*} kb=${tm##* s }; kb=${kb%% KB}
    local verdict=ok
    if awk "BEGIN{exit !($secs >= 2.0)}" || [ "${kb:-0}" -ge 262144 ] || [ "$rc" -gt 1 ]; then
        verdict=SLOW-OR-HUNGRY-OR-CRASHED; fail=1
    fi
    printf '%-28s rc=%s %-18s %s | %s\n' "$name" "$rc" "$tm" "$verdict" "${said:0:110}"
}
# /usr/bin/time writes its line to the program's stderr file.
for f in long-1000.docx khai-1tib.docx bom-1gib.docx bom-100mib.docx; do
    run "$f" import "$DIR/p.ron" "$DIR/$f" --yes
done
for f in chuoi-3gib.xlsx ods-doi-duoi.xlsx trieu-dong.csv chin-muoi-nghin-dong.csv \
         excel-1258.csv excel-unicode.csv; do
    run "$f" import "$DIR/p.ron" "$DIR/$f" --yes
done
run "check thu-muc (links)" check "$DIR/thu-muc"
exit $fail
