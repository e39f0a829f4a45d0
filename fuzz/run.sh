#!/usr/bin/env bash
# Runs each fuzz target for a given time, seeded with the real documents of
# the genre, and prints a summary line per target (executions, coverage,
# crashes). Usage:
#   fuzz/run.sh [SECONDS_PER_TARGET] [TARGET ...]     (default 600 s, all)
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
# Crashes land in fuzz/artifacts/TARGET/; the growing corpus in
# fuzz/corpus/TARGET/ (both ignored by git). Set FUZZ_JOBS to run several
# processes per target.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
seconds=${1:-600}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(parse targets departments query read)
fi
jobs=${FUZZ_JOBS:-1}

real_texts=()
for dir in "$root/../shared/fixtures/real" "$root/tests/fixtures/real-more" "$root/corpus"; do
    [ -d "$dir" ] && while IFS= read -r -d '' f; do real_texts+=("$f"); done \
        < <(find "$dir" -maxdepth 1 -name '*.txt' -print0)
done

seed_dir() { # target -> directory of seeds for it
    local target=$1 dir="$here/seeds/$1"
    rm -rf "$dir"
    mkdir -p "$dir"
    case $target in
    query)
        # One query per seed: words, phrases, exclusions and filters as
        # users type them.
        local i=0
        for q in '余热发电' '节能 降碳' '"超低排放" -水泥' 'plan:钢铁 dept:发改委' \
            'role:lead 工信部' 'fgw' '能耗强度' '2025年 下降'; do
            printf '%s' "$q" >"$dir/q$i"
            i=$((i + 1))
        done
        ;;
    read)
        # The first byte picks the format (see fuzz_targets/read.rs):
        # 0 text, 1 docx, 2 html, 3 ofd.
        local f
        for f in "$root"/tests/fixtures/formats/*; do
            case $f in
            *.txt) printf '\x00' ;;
            *.docx) printf '\x01' ;;
            *.html) printf '\x02' ;;
            *.ofd) printf '\x03' ;;
            *) continue ;;
            esac >"$dir/$(basename "$f")"
            cat "$f" >>"$dir/$(basename "$f")"
        done
        ;;
    *)
        # Whole documents are large for libFuzzer; their first 8 KB keep
        # the header, the outline's start and the first targets.
        local f
        for f in "${real_texts[@]}"; do
            head -c 8192 "$f" >"$dir/$(basename "$f")"
        done
        ;;
    esac
    echo "$dir"
}

cd "$here"
for target in "${targets[@]}"; do
    seeds=$(seed_dir "$target")
    mkdir -p "corpus/$target" "artifacts/$target"
    log="$here/artifacts/$target.log"
    started=$(date +%s)
    status=0
    parallel=()
    [ "$jobs" -gt 1 ] && parallel=(-jobs="$jobs" -workers="$jobs")
    rm -f fuzz-*.log
    cargo +nightly fuzz run "$target" "corpus/$target" "$seeds" -- \
        -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=4096 \
        "${parallel[@]}" -print_final_stats=1 \
        -artifact_prefix="artifacts/$target/" >"$log" 2>&1 || status=$?
    took=$(($(date +%s) - started))
    runs=$(grep -ho 'stat::number_of_executed_units: *[0-9]*' "$log" fuzz-*.log 2>/dev/null |
        awk '{s += $2} END {print s + 0}')
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
    crashes=$(find "artifacts/$target" -type f | wc -l)
    echo "$target: ${took}s wall, $runs executions, coverage ${cov:-?}, $crashes crash file(s), exit $status (log: $log)"
done
