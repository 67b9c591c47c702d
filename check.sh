#!/usr/bin/env bash
# The one local gate, also run by CI: formatting, lints and the test suite (which
# includes the exported sample read by real PDF tools and the Decree 30 checker).
# Installs the PDF tools it needs when run as root (apt-get, pip).
set -euo pipefail
cd "$(dirname "$0")"

need_apt=()
command -v pdffonts >/dev/null || need_apt+=(poppler-utils)
command -v qpdf >/dev/null || need_apt+=(qpdf)
command -v openssl >/dev/null || need_apt+=(openssl)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  else
    echo "Cần cài: sudo apt-get install ${need_apt[*]}" >&2
    exit 1
  fi
fi
if ! python3 -c 'import pdfplumber, docx' 2>/dev/null; then
  python3 -m pip install -q pdfplumber python-docx 2>/dev/null || python3 -m pip install -q --break-system-packages pdfplumber python-docx
fi
if ! command -v pyhanko >/dev/null; then
  python3 -m pip install -q pyhanko pyhanko-cli 2>/dev/null || python3 -m pip install -q --break-system-packages pyhanko pyhanko-cli
fi

echo "== cargo fmt --check"
cargo fmt --check
echo "== cargo clippy (warnings are errors)"
cargo clippy --all-targets -- -D warnings
echo "== cargo test"
cargo test --all-targets
echo "== all checks passed"
