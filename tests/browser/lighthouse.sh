#!/bin/sh
# Lighthouse (mobile preset, simulated throttling) on six kinds of page of a built site, served on
# 127.0.0.1 with Python's http.server; prints the performance, accessibility and best-practices scores.
# Optional, not part of run.sh: Lighthouse is large. Install it once outside the repository, e.g.
#   mkdir -p /tmp/lh && (cd /tmp/lh && npm install lighthouse@12)
#   LIGHTHOUSE=/tmp/lh/node_modules/.bin/lighthouse tests/browser/lighthouse.sh public
set -eu
site=$(cd "${1:-public}" && pwd)
lighthouse=${LIGHTHOUSE:?set LIGHTHOUSE to the lighthouse binary}
port=${PORT:-8765}
out=$(mktemp -d)
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$site" >/dev/null 2>&1 &
server=$!
trap 'kill $server; rm -rf "$out"' EXIT
sleep 1
for p in index.html tieu-hoc/index.html tieu-hoc/mat-khau-la-bi-mat/index.html \
  tieu-hoc/buoi-ngoai-khoa-2026-2027/index.html "tim-kiem/index.html?q=lua+dao" giao-vien/nang-luc.html; do
  CHROME_PATH=${HOCLIEU_CHROMIUM:-/usr/bin/chromium} "$lighthouse" "http://127.0.0.1:$port/$p" --quiet \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu" \
    --only-categories=performance,accessibility,best-practices --output=json --output-path="$out/r.json" >/dev/null 2>&1
  node -e '
    const r = require(process.argv[1]); const c = r.categories;
    const s = (k) => Math.round(c[k].score * 100);
    console.log(`${process.argv[2]}: performance ${s("performance")}, accessibility ${s("accessibility")}, best practices ${s("best-practices")}`);
  ' "$out/r.json" "$p"
done
