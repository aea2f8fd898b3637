#!/usr/bin/env bash
# Debian packages gongkai uses beyond Python: poppler-utils (pdftotext, pdftoppm: the PDF
# benchmark baseline and page previews), TrueType CJK fonts embedded in generated PDFs
# (fonts-arphic-uming 宋 body and title, fonts-arphic-ukai 楷 headings, fonts-wqy-zenhei 黑
# headings; see docs/decisions/0002-report-rendering.md) and Noto CJK for screens.
# Needs root; safe to run again.
set -euo pipefail
packages=(poppler-utils fonts-noto-cjk fonts-arphic-uming fonts-arphic-ukai fonts-wqy-zenhei)
missing=()
for pkg in "${packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
