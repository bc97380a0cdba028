#!/usr/bin/env bash
# Build benchmark: clean builds and no-change rebuilds of synthetic sites, timed with hyperfine; peak
# memory from GNU time. See docs/performance.md for the corpus, the targets and the results.
#
#   bench/run.sh                          # 1,000 and 10,000 lessons, 5 runs each
#   SIZES="2000" RUNS=10 bench/run.sh     # other sizes or run counts
#   PROFILE=dev SIZES=200 bench/run.sh    # quick smoke test of this script (debug build)
#   BIN=/path/to/older/hoclieu bench/run.sh   # time another build of hoclieu (before/after a change)
set -euo pipefail

cd "$(dirname "$0")/.."
SIZES=${SIZES:-"1000 10000"}
LEVELS=${LEVELS:-4}
SEED=${SEED:-1}
# More arguments for synth, e.g. SYNTH_ARGS=--distinct-code (a site whose every line of code differs).
SYNTH_ARGS=${SYNTH_ARGS:-}
OUT_SUFFIX=${SYNTH_ARGS:+-distinct}
RUNS=${RUNS:-5}
PROFILE=${PROFILE:-release}
OUT=bench/out
dir=$([ "$PROFILE" = dev ] && echo debug || echo "$PROFILE")
BIN=${BIN:-target/$dir/hoclieu}
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
trash=$OUT/trash
# A clean build finds no output, no work folder and no highlight cache. Groups 1-3 move them aside into
# $trash (a rename) rather than delete them: this machine's file system is slow to create files for a
# few minutes after a large tree was deleted (docs/performance.md), a cost that belongs to the deletion
# and would fall on whichever run came next. Group 4 times clean builds right after `rm -rf`, for every
# size, once the other groups are done; the folders moved aside are deleted at the very end, untimed.
rm -rf "$trash"
mkdir -p "$trash"
aside() {
    local t
    t=$trash/$(date +%s%N)
    mkdir -p "$t"
    for d in public .public.hoclieu-next .hoclieu; do
        if [ -e "$1/$d" ]; then mv "$1/$d" "$t/"; fi
    done
}
export -f aside
export trash

for n in $SIZES; do
    site=$OUT/synth-$n$OUT_SUFFIX
    build=("$BIN" build --root "$site" --out "$site/public" --quiet)
    echo
    echo "== $n lessons $SYNTH_ARGS"
    # synth replaces an earlier site by deleting it, which would slow every run after it (see above): a
    # site made with the same arguments is kept (synth's output depends on nothing else).
    args="--lessons $n --levels $LEVELS --seed $SEED $SYNTH_ARGS"
    if [ "$(cat "$site/.bench-args" 2>/dev/null)" != "$args" ]; then
        # shellcheck disable=SC2086 # $args is a list of arguments
        "$SYNTH" $args --out "$site"
        echo "$args" >"$site/.bench-args"
    fi

    # One untimed build first, so a content error shows plainly rather than as a hyperfine failure.
    aside "$site"
    "${build[@]}"

    # `sync` between the groups.
    # 1. Nothing changed: the usual rebuild (the previous output and the highlight cache in place).
    hyperfine --warmup 1 --runs "$RUNS" \
        --command-name "rebuild ($n lessons)" --export-csv "$OUT/rebuild-$n.csv" "${build[*]}"
    sync
    # 2. No highlight cache, the previous output in place: every code block highlighted again.
    hyperfine --warmup 1 --runs "$RUNS" --prepare "rm -rf $site/.hoclieu" \
        --command-name "rebuild without cache ($n lessons)" --export-csv "$OUT/uncached-$n.csv" "${build[*]}"
    sync
    # 3. Clean: nothing kept from an earlier build, nothing deleted just before.
    hyperfine --shell bash --warmup 1 --runs "$RUNS" --prepare "aside $site" \
        --command-name "clean build ($n lessons)" --export-csv "$OUT/clean-$n.csv" "${build[*]}"
    sync
    aside "$site"
    rss_clean=$(peak_mib "${build[@]}")
    rss_rebuild=$(peak_mib "${build[@]}")
    pages=$(find "$site/public" -name '*.html' | wc -l)
    rows+=("| $n | $pages | $(mean_sd "$OUT/rebuild-$n.csv") | $(mean_sd "$OUT/uncached-$n.csv") | $(mean_sd "$OUT/clean-$n.csv") | @deleted-$n@ | $rss_clean | $rss_rebuild |")
done

# 4. Clean, right after `rm -rf` of the previous output and cache: what the file system adds.
for n in $SIZES; do
    site=$OUT/synth-$n$OUT_SUFFIX
    build=("$BIN" build --root "$site" --out "$site/public" --quiet)
    echo
    echo "== $n lessons $SYNTH_ARGS, clean after rm -rf"
    hyperfine --warmup 1 --runs "$RUNS" --prepare "rm -rf $site/public $site/.public.hoclieu-next $site/.hoclieu" \
        --command-name "clean build after rm -rf ($n lessons)" --export-csv "$OUT/deleted-$n.csv" "${build[*]}"
    sync
    rows=("${rows[@]/@deleted-$n@/$(mean_sd "$OUT/deleted-$n.csv")}")
done
echo "Deleting the outputs moved aside ($trash), untimed; wait five minutes before timing anything else..."
rm -rf "$trash"

echo
echo "== Summary: $BIN ($(git rev-parse --short HEAD 2>/dev/null || echo '?')), $PROFILE, $(nproc) cores, seed $SEED, $LEVELS levels, $RUNS runs $SYNTH_ARGS"
echo "| lessons | pages | rebuild (s) | rebuild without cache (s) | clean (s) | clean after rm -rf (s) | peak MiB, clean | peak MiB, rebuild |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
printf '%s\n' "${rows[@]}"
echo "Targets for 10,000 lessons: clean build under 3 s, peak memory under 300 MiB."
