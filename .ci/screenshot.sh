#!/usr/bin/env bash
# Starts the debug build of Frontline under Xvfb with Mesa's software OpenGL, takes a
# screenshot of the whole screen and fails when the window did not come up or the
# image is blank. Usage: .ci/screenshot.sh OUT.png [dataset.ron]
set -euo pipefail
out=${1:-target/screenshot.png}
mkdir -p "$(dirname "$out")"
shift || true
cargo build --quiet
bin="$(realpath "${CARGO_TARGET_DIR:-target}")/debug/frontline"
export LIBGL_ALWAYS_SOFTWARE=1
export XDG_DATA_HOME; XDG_DATA_HOME=$(mktemp -d)
log=$(mktemp)
xvfb-run -a -s "-screen 0 1600x1000x24" bash -c '
  "'"$bin"'" "$@" >"'"$log"'" 2>&1 &
  app=$!
  for _ in $(seq 1 60); do
    sleep 1
    if xwininfo -root -tree 2>/dev/null | grep -q "Frontline\""; then break; fi
    kill -0 $app 2>/dev/null || break
  done
  sleep 4
  if ! xwininfo -root -tree | grep -q "Frontline\""; then echo "no Frontline window appeared"; cat "'"$log"'"; exit 1; fi
  xwd -root -silent | convert xwd:- "'"$out"'"
  kill $app 2>/dev/null || true
' _ "$@"
colors=$(convert "$out" -format "%k" info:)
echo "screenshot $out: $colors distinct colours"
if [ "$colors" -lt 50 ]; then
  echo "the screenshot looks blank"
  exit 1
fi
