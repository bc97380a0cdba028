#!/bin/sh
# Browser, accessibility and privacy tests for the quiz pages; safe to run again and again.
#   tests/browser/run.sh                        the hand-written fixture pages + themes/default/static
#   HOCLIEU_SITE=public tests/browser/run.sh    a built site (pages found, or HOCLIEU_QUIZ_PAGE /
#                                               HOCLIEU_WORKSHEET_PAGE relative to the site)
set -eu

here=$(cd "$(dirname "$0")" && pwd)

# Relative to where the caller stands, not to this folder.
if [ -n "${HOCLIEU_SITE:-}" ]; then
  HOCLIEU_SITE=$(cd "$HOCLIEU_SITE" && pwd)
  export HOCLIEU_SITE
fi

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Debian's browser only: the test packages never download one of their own.
chromium=${HOCLIEU_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  echo "run.sh: $chromium is missing, installing Debian's chromium" >&2
  as_root apt-get update -q
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q chromium
fi
# The print tests read the text of printed PDFs with Debian's pdftotext.
if ! command -v pdftotext >/dev/null 2>&1; then
  echo "run.sh: installing poppler-utils (pdftotext)" >&2
  as_root apt-get update -q
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q poppler-utils
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "run.sh: installing node and npm" >&2
  as_root apt-get update -q
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q nodejs npm
fi

cd "$here"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
npm ci --no-audit --no-fund --loglevel=error
# The CommonMark spec's examples arrive with the packages above (commonmark-spec): run the conformance test
# (tests/commonmark.rs) now that it cannot skip them. HOCLIEU_SKIP_COMMONMARK=1 leaves it out.
if [ -z "${HOCLIEU_SKIP_COMMONMARK:-}" ] && command -v cargo >/dev/null 2>&1; then
  (cd "$here/../.." && HOCLIEU_REQUIRE_COMMONMARK_SPEC=1 cargo test --locked --test commonmark)
fi
exec node --test ./*.test.js ./*.test.mjs
