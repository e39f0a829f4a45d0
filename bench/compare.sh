#!/usr/bin/env bash
# Whole-process comparisons (see README "Performance"):
#   * `policy-nav search 余热发电 --json` vs `rg 余热发电 corpus/`, same
#     hyperfine run, with the ratio of the medians;
#   * peak RSS of the one-shot search and of the navigator (/usr/bin/time -v);
#   * keystroke latency and bytes written per key (`policy-nav bench keys`);
#   * through a real pty (`cargo bench --bench pty_bytes`, measuring this
#     script's binary): launch to first complete frame (`--first-frame`)
#     and bytes written per key.
# Installs hyperfine, ripgrep, time and script (bsdutils) with apt-get when
# missing. Usage: bench/compare.sh [path/to/policy-nav]  (default: builds
# the dist binary, as packaged).
set -euo pipefail
cd "$(dirname "$0")/.."

need() { command -v "$1" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }; }
need hyperfine hyperfine
need rg ripgrep
need script bsdutils
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }

BIN=${1:-}
if [ -z "$BIN" ]; then
  # The profile packages ship (fat LTO), not the README's quick release.
  cargo build --profile dist --quiet
  BIN="${CARGO_TARGET_DIR:-target}/dist/policy-nav"
fi
BIN=$(realpath "$BIN")
QUERY=余热发电
"$BIN" index >/dev/null   # the goals are with the index built
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

echo "== one-shot search vs ripgrep (hyperfine, medians)"
hyperfine -N --warmup 10 --runs 200 --export-json "$OUT/search.json" \
  "$BIN search $QUERY --json" "rg $QUERY corpus/" >/dev/null
python3 - "$OUT/search.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
m = [x["median"] * 1000 for x in r]
print(f"policy-nav search: {m[0]:.2f} ms   rg: {m[1]:.2f} ms   ratio {m[0] / m[1]:.2f}")
PY

echo "== peak RSS"
rss() { grep -a "Maximum resident" | awk '{printf "%.1f MB\n", $NF / 1024}'; }
printf "one-shot search: "; /usr/bin/time -v "$BIN" search $QUERY --json 2>&1 >/dev/null | rss
printf "navigator (first frame): "; script -qec "/usr/bin/time -v $BIN --first-frame" /dev/null 2>&1 | rss

echo "== keystrokes (in process, 80x24)"
"$BIN" bench keys
echo "== through a pty: launch to first complete frame, bytes per key"
# (`script` was used for the first frame before; it adds a fixed ~22 ms on
# this machine that swamps the few milliseconds being measured.)
POLICY_NAV_BENCH_BIN="$BIN" cargo bench --quiet --bench pty_bytes 2>/dev/null | tail -2
