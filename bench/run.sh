#!/usr/bin/env bash
# Build benchmark: clean builds (with and without the highlight cache) and no-change rebuilds of
# synthetic sites, timed with hyperfine; peak memory from GNU time. See docs/performance.md for the corpus, the targets and the results.
#
#   bench/run.sh                          # 1,000 and 10,000 lessons, 5 runs each
#   SIZES="2000" RUNS=10 bench/run.sh     # other sizes or run counts
#   PROFILE=dev SIZES=200 bench/run.sh    # quick smoke test of this script (debug build)
set -euo pipefail

cd "$(dirname "$0")/.."
SIZES=${SIZES:-"1000 10000"}
LEVELS=${LEVELS:-4}
SEED=${SEED:-1}
RUNS=${RUNS:-5}
PROFILE=${PROFILE:-release}
OUT=bench/out
dir=$([ "$PROFILE" = dev ] && echo debug || echo "$PROFILE")
BIN=target/$dir/hoclieu
SYNTH=target/$dir/examples/synth

# Debian's packages: hyperfine times, GNU time (not the shell keyword) reports peak RSS.
install() {
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo=sudo
    echo "Installing $1…"
    $sudo apt-get install -y "$1" >/dev/null 2>&1 ||
        { $sudo apt-get update >/dev/null && $sudo apt-get install -y "$1" >/dev/null; }
}
command -v hyperfine >/dev/null 2>&1 || install hyperfine
[ -x /usr/bin/time ] || install time

echo "== Building ($PROFILE)"
cargo build --profile "$PROFILE" --locked --bin hoclieu --example synth

# Peak resident set size in MiB of one build ("Maximum resident set size" is in KiB).
peak_mib() {
    local log
    log=$(mktemp)
    /usr/bin/time -v "$@" 2>"$log" >/dev/null
    awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$log"
    rm -f "$log"
}

# "mean ± stddev" in seconds from a hyperfine CSV export (command,mean,stddev,…; no comma in names).
mean_sd() {
    awk -F, 'NR == 2 { printf "%.2f ± %.2f", $2, $3 }' "$1"
}

mkdir -p "$OUT"
rows=()
for n in $SIZES; do
    site=$OUT/synth-$n
    build=("$BIN" build --root "$site" --out "$site/public" --quiet)
    echo
    echo "== $n lessons"
    "$SYNTH" --lessons "$n" --levels "$LEVELS" --seed "$SEED" --out "$site"

    # One untimed build first, so a content error shows plainly rather than as a hyperfine failure.
    rm -rf "$site/public" "$site/.hoclieu"
    "${build[@]}"

    # The runs that delete public/ go last: the file system is busy for a while after a deleted tree
    # (see docs/performance.md), which would slow the runs after them. `sync` between the groups.
    # 1. Nothing changed: the usual rebuild (the previous output and the highlight cache in place).
    hyperfine --warmup 1 --runs "$RUNS" \
        --command-name "rebuild ($n lessons)" --export-csv "$OUT/rebuild-$n.csv" "${build[*]}"
    sync
    # 2. No highlight cache, the previous output in place: the CPU cost of a whole build without the
    #    file system's cost of a deleted tree.
    hyperfine --warmup 1 --runs "$RUNS" --prepare "rm -rf $site/.hoclieu" \
        --command-name "rebuild without cache ($n lessons)" --export-csv "$OUT/uncached-$n.csv" "${build[*]}"
    sync
    # 3. public/ deleted, the highlight cache of the earlier builds kept (.hoclieu/cache/).
    hyperfine --warmup 1 --runs "$RUNS" --prepare "rm -rf $site/public" \
        --command-name "clean build with cache kept ($n lessons)" --export-csv "$OUT/cached-$n.csv" "${build[*]}"
    sync
    # 4. Clean: nothing kept from an earlier build.
    hyperfine --warmup 1 --runs "$RUNS" --prepare "rm -rf $site/public $site/.hoclieu" \
        --command-name "clean build ($n lessons)" --export-csv "$OUT/clean-$n.csv" "${build[*]}"
    sync

    rm -rf "$site/public" "$site/.hoclieu"
    rss_clean=$(peak_mib "${build[@]}")
    rss_rebuild=$(peak_mib "${build[@]}")
    pages=$(find "$site/public" -name '*.html' | wc -l)
    rows+=("| $n | $pages | $(mean_sd "$OUT/rebuild-$n.csv") | $(mean_sd "$OUT/uncached-$n.csv") | $(mean_sd "$OUT/cached-$n.csv") | $(mean_sd "$OUT/clean-$n.csv") | $rss_clean | $rss_rebuild |")
done

echo
echo "== Summary: $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $PROFILE, $(nproc) cores, seed $SEED, $LEVELS levels, $RUNS runs"
echo "| lessons | pages | rebuild (s) | rebuild without cache (s) | clean, cache kept (s) | clean (s) | peak MiB, clean | peak MiB, rebuild |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
printf '%s\n' "${rows[@]}"
echo "Targets for 10,000 lessons: clean build under 3 s, peak memory under 300 MiB."
