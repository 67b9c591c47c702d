#!/usr/bin/env bash
# The instruction budget (issue 28, item 1): counts the instructions of whole `baocao`
# processes on the bundled sample with callgrind (release build,
# SOURCE_DATE_EPOCH=1767225600) and compares them with benches/budget.txt. Fails when
# a count exceeds its budget by more than 5 %; a count far below its budget is only
# reported (lower the budget with --update so that the gain is kept).
#
#   bash benches/budget.sh             # builds the release binary, measures, compares
#   bash benches/budget.sh --update    # measures and rewrites benches/budget.txt
#   BAOCAO_BIN=/path/to/baocao bash benches/budget.sh   # measures that binary instead
#
# Instruction counts are deterministic for one binary; another compiler version or
# CPU (which SIMD paths memchr and zlib-rs choose) moves them by a few per cent.
set -euo pipefail
cd "$(dirname "$0")/.."
update=
case "${1:-}" in
    --update) update=1 ;;
    "") ;;
    *) echo "usage: bash benches/budget.sh [--update]" >&2; exit 2 ;;
esac
BUDGET=benches/budget.txt
TOLERANCE_PCT=5
command -v valgrind >/dev/null || { echo "budget: valgrind is needed (apt-get install valgrind)" >&2; exit 2; }
BIN=${BAOCAO_BIN:-}
if [ -z "$BIN" ]; then
    # Touched so that cargo copies this tree's build into place even when a shared
    # target dir holds another tree's.
    touch src/main.rs
    cargo build -q --release --bin baocao
    BIN=${CARGO_TARGET_DIR:-target}/release/baocao
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp assets/mau-binh-minh-hai.ron "$tmp/mau.ron"

# The measured commands: name, then the arguments given to baocao.
commands=(
    "export|export $tmp/mau.ron -o $tmp/mau.pdf"
    "check|check $tmp/mau.ron"
)

# Runs baocao under callgrind; prints the instruction count. `check` exits 1 when the
# project has errors, which is not this script's concern; a crash or a failed export is.
count() {
    local name=$1 args=$2 rc=0
    # shellcheck disable=SC2086
    SOURCE_DATE_EPOCH=1767225600 valgrind --tool=callgrind \
        --callgrind-out-file="$tmp/cg.$name" "$BIN" $args \
        >"$tmp/$name.out" 2>"$tmp/$name.err" || rc=$?
    if [ "$rc" -gt 1 ] || { [ "$name" = export ] && [ "$rc" -ne 0 ]; }; then
        echo "budget: baocao $name failed (exit $rc):" >&2
        tail -5 "$tmp/$name.err" >&2
        exit 2
    fi
    awk '/^(summary|totals):/ { print $2; exit }' "$tmp/cg.$name"
}

budget_of() {
    [ -f "$BUDGET" ] || return 0
    awk -v n="$1" '$1 == n { print $2; exit }' "$BUDGET"
}

# What the counts depend on besides the code: the compiler, and the CPU features by
# which memchr and zlib-rs choose their paths. A budget set where these differ is
# compared and reported, but cannot fail the run: a count that moves with the machine
# says nothing about the code (run --update on the new kind of machine).
machine() {
    local flags
    flags=$(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null | tr ' ' '\n' \
        | grep -xE 'avx2|avx512f|bmi2|sse4_2|pclmulqdq' | sort | tr '\n' ',')
    echo "rustc-$(rustc --version 2>/dev/null | cut -d' ' -f2)/${flags%,}"
}
here=$(machine)
there=$(awk '$1 == "machine" { print $2; exit }' "$BUDGET" 2>/dev/null || true)
same_machine=1
if [ -z "$update" ] && [ "$here" != "$there" ]; then
    same_machine=
    echo "budget: the budget was set on $there, this is $here: over-budget counts are reported, not failed"
fi

fail=0
measured=()
for entry in "${commands[@]}"; do
    name=${entry%%|*}
    args=${entry#*|}
    ir=$(count "$name" "$args")
    [ -n "$ir" ] || { echo "budget: no count for $name" >&2; exit 2; }
    measured+=("$name $ir")
    budget=$(budget_of "$name")
    if [ -n "$update" ]; then
        printf 'budget: %-7s %12s Ir\n' "$name" "$ir"
    elif [ -z "$budget" ]; then
        echo "budget: $name has no budget in $BUDGET (run with --update)" >&2
        fail=1
    else
        limit=$(( budget + budget * TOLERANCE_PCT / 100 ))
        pct=$(awk -v a="$ir" -v b="$budget" 'BEGIN { printf "%+.1f", (a - b) * 100 / b }')
        if [ "$ir" -gt "$limit" ]; then
            verdict="OVER BUDGET (limit $limit = budget + ${TOLERANCE_PCT} %)"
            if [ -n "$same_machine" ]; then fail=1; else verdict="$verdict, not failed: another machine"; fi
        elif [ "$ir" -lt $(( budget - budget * TOLERANCE_PCT / 100 )) ]; then
            verdict="ok, well under: lower the budget with --update"
        else
            verdict=ok
        fi
        printf 'budget: %-7s %12s Ir, budget %12s (%s %%): %s\n' "$name" "$ir" "$budget" "$pct" "$verdict"
    fi
done

if [ -n "$update" ]; then
    {
        echo "# Instruction budget of whole baocao processes on assets/mau-binh-minh-hai.ron"
        echo "# (callgrind, release build, SOURCE_DATE_EPOCH=1767225600). Set by:"
        echo "#   bash benches/budget.sh --update"
        echo "# benches/budget.sh (a CI step in .ci/run) fails when a count exceeds its"
        echo "# budget by more than ${TOLERANCE_PCT} %. History: benches/NOTES.md."
        echo "# name  instructions  (rustc $(rustc --version 2>/dev/null | cut -d' ' -f2), $(date -u +%Y-%m-%d))"
        echo "machine $here"
        printf '%s\n' "${measured[@]}"
    } >"$BUDGET"
    echo "budget: wrote $BUDGET"
fi
exit "$fail"
