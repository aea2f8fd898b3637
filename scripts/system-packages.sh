#!/usr/bin/env bash
# Debian packages gongkai uses beyond Python: poppler-utils (pdftotext, pdftoppm: the PDF
# benchmark baseline and page previews) and CJK fonts (Chinese text in generated PDFs).
# Needs root; safe to run again.
set -euo pipefail
packages=(poppler-utils fonts-noto-cjk)
missing=()
for pkg in "${packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
