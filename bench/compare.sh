#!/usr/bin/env bash
# Whole-process comparisons at three corpus sizes (see README "Performance"):
# the bundled corpus, and `policy-nav bench gen` corpora of 1,000 and
# 10,000 plans. One table, one row per corpus:
#   * one-shot `search 余热发电 --json --limit 10` vs `rg -c 余热发电 DIR`,
#     and `targets --json`, in the same hyperfine run (medians);
#   * launch to first complete frame (`--first-frame`) in an 80x24 pty
#     (bench/first_frame.py), median, and its ratio to the bundled corpus's;
#   * launch to the first frame drawn from the loaded corpus, from which
#     keys are answered (`--ready-frame`), median;
#   * peak RSS of the search, `targets --json` and the navigator;
#   * index build speed (`bench scale`: clause text MB / build time).
# Every run has the index and caches already built (the goals are stated
# that way). Corpora and caches live in a temporary directory.
# Then keystroke latency and bytes per key on the bundled corpus
# (`bench keys`, and `cargo bench --bench pty_bytes` unless NO_PTY_BENCH=1).
#
# Usage: bench/compare.sh [path/to/policy-nav]  (default: builds the dist
# binary, as packaged). PLANS="1000 10000" sets the generated sizes.
# Installs hyperfine, ripgrep and time with apt-get when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need() { command -v "$1" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }; }
need hyperfine hyperfine
need rg ripgrep
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }

BIN=${1:-}
if [ -z "$BIN" ]; then
  # The profile packages ship (fat LTO), not the README's quick release.
  cargo build --profile dist --quiet
  BIN="${CARGO_TARGET_DIR:-target}/dist/policy-nav"
fi
BIN=$(realpath "$BIN")
QUERY=余热发电
PLANS=${PLANS:-1000 10000}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# Indexes and caches go to the temporary directory, not the user's cache.
export XDG_CACHE_HOME="$WORK/cache"

# A copy of the bundled corpus, so all three are treated alike.
mkdir "$WORK/bundled"
cp corpus/*.txt "$WORK/bundled/"
CORPORA=("$WORK/bundled")
for n in $PLANS; do
  "$BIN" bench gen --plans "$n" --out "$WORK/p$n" >/dev/null
  CORPORA+=("$WORK/p$n")
done

rss() { /usr/bin/time -f %M -o "$WORK/rss" "$@" >/dev/null 2>&1; awk '{printf "%.0f", $1 / 1024}' "$WORK/rss"; }

ROWS="$WORK/rows"
: >"$ROWS"
for dir in "${CORPORA[@]}"; do
  name=$(basename "$dir")
  mb=$(du -sb "$dir" | cut -f1)
  # Fewer runs where one run takes seconds.
  case "$name" in bundled) runs=50 ff=20 ;; p1000) runs=15 ff=10 ;; *) runs=5 ff=5 ;; esac
  build=$("$BIN" --corpus "$dir" bench scale --rounds 1 | sed -n 's/^index build: .*(\([0-9.]*\) MB\/s).*/\1/p')
  "$BIN" --corpus "$dir" index >/dev/null
  "$BIN" --corpus "$dir" targets --json >/dev/null
  hyperfine -N --warmup 2 --runs "$runs" --export-json "$WORK/$name.json" \
    "$BIN --corpus $dir search $QUERY --json --limit 10" \
    "rg -c $QUERY $dir" \
    "$BIN --corpus $dir targets --json" >/dev/null
  read -r frame _ _ < <(python3 bench/first_frame.py "$ff" "$BIN" --corpus "$dir" --first-frame)
  read -r ready _ nav_rss < <(python3 bench/first_frame.py "$ff" "$BIN" --corpus "$dir" --ready-frame)
  search_rss=$(rss "$BIN" --corpus "$dir" search $QUERY --json --limit 10)
  targets_rss=$(rss "$BIN" --corpus "$dir" targets --json)
  echo "$name $mb $WORK/$name.json $frame $ready $search_rss $targets_rss $nav_rss $build" >>"$ROWS"
done

python3 - "$ROWS" <<'PY'
import json, sys
rows = [l.split() for l in open(sys.argv[1])]
print("| corpus | MB | search ms | rg -c ms | search/rg | targets --json ms | targets/rg "
      "| first frame ms | frame/bundled | ready ms | peak RSS MB search / targets / navigator | index build MB/s |")
print("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
bundled_frame = float(rows[0][3])
for name, mb, js, frame, ready, s_rss, t_rss, n_rss, build in rows:
    search, rg, targets = (x["median"] * 1e3 for x in json.load(open(js))["results"])
    mb = f"{int(mb) / 1e6:.1f}"
    label = "bundled" if name == "bundled" else f"{int(name[1:]):,} plans"
    print(f"| {label} | {mb} | {search:.1f} | {rg:.1f} | {search / rg:.2f} | {targets:.1f} "
          f"| {targets / rg:.1f} | {float(frame):.1f} | {float(frame) / bundled_frame:.1f} "
          f"| {float(ready):.1f} | {s_rss} / {t_rss} / {n_rss} | {build} |")
PY

if [ "${NO_KEYS_BENCH:-0}" != 1 ]; then
  echo
  echo "== keystrokes (in process, 80x24, bundled corpus)"
  "$BIN" --corpus "$WORK/bundled" bench keys
fi
if [ "${NO_PTY_BENCH:-0}" != 1 ]; then
  echo "== through a pty: launch to first complete frame, bytes per key"
  POLICY_NAV_BENCH_BIN="$BIN" cargo bench --quiet --bench pty_bytes 2>/dev/null | tail -2
fi
