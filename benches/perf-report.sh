#!/usr/bin/env bash
# A performance report anyone can rerun: generates the libraries and file
# pairs below, measures carepath on them, and the peers that are installed
# on the same inputs in the same run, and prints the figures side by side
# with ratios, so a regression shows.
#
#   benches/perf-report.sh            # 2,000 / 20,000 / 100,000 pathways; 50 KB / 2 MB / 19 MB pairs
#   benches/perf-report.sh --quick    # 2,000 pathways and the 50 KB pair only
#
# Peers, used when found on PATH: git (diff --no-index, merge-file), difft,
# mergiraf, yamllint. Every command runs under `timeout`, so the report
# ends by itself; a command that takes too long is reported as such, and
# one that refuses its input (a file over carepath's size limit) as
# "refused".
# Inputs are generated under $PERF_WORK (default: a temporary folder,
# removed at the end). Not run by CI: figures depend on the machine.
set -euo pipefail
cd "$(dirname "$0")/.."

LIMIT=${PERF_TIMEOUT:-120}
LIBRARIES=(2000 20000 100000)
PAIRS=("50k:250" "2m:10000" "19m:80000")
if [[ ${1:-} == --quick ]]; then
    LIBRARIES=(2000)
    PAIRS=("50k:250")
fi
# PERF_LIBRARIES="20000 100000" and PERF_PAIRS="" measure just those;
# PERF_PROFILE=profiling uses that build (the release build with line
# tables, for a profiler) instead of the release build.
[[ -v PERF_LIBRARIES ]] && read -r -a LIBRARIES <<<"$PERF_LIBRARIES"
[[ -v PERF_PAIRS ]] && read -r -a PAIRS <<<"$PERF_PAIRS"
PROFILE=${PERF_PROFILE:-release}

cargo build --profile "$PROFILE" --quiet --bin carepath --example perf_gen
BIN=$PWD/target/$PROFILE/carepath
GEN=$PWD/target/$PROFILE/examples/perf_gen
PROBE=$PWD/benches/pty_probe.py

if [[ -n ${PERF_WORK:-} ]]; then
    WORK=$PERF_WORK
    mkdir -p "$WORK"
else
    WORK=$(mktemp -d)
    trap 'rm -rf "$WORK"' EXIT
fi

have() { command -v "$1" >/dev/null 2>&1; }

# run NAME CMD...: seconds and peak memory (MiB) of one command, or
# "timeout". The exit status is ignored (diff and merge exit 1 on changes).
# Wall time from the shell's microsecond clock (GNU time counts in
# hundredths), peak memory from GNU time.
run() {
    local out start end
    start=$EPOCHREALTIME
    /usr/bin/time -o "$WORK/time.txt" -f "%M" timeout "$LIMIT" "$@" >/dev/null 2>&1 || true
    end=$EPOCHREALTIME
    out=$(tail -1 "$WORK/time.txt")
    if [[ $out =~ ^([0-9]+)$ ]] && ! grep -q "status 124" "$WORK/time.txt"; then
        awk -v a="$start" -v b="$end" -v k="${BASH_REMATCH[1]}" 'BEGIN { printf "%.3f %.1f", b - a, k / 1024 }'
    else
        echo "timeout -"
    fi
}

# run_cpu CMD...: seconds, processor seconds (user + system, all
# threads) and peak memory (MiB) of one command. Processor time shows
# the work done even on a machine busy with other things, where the
# wall time mostly shows the wait.
run_cpu() {
    local start end
    start=$EPOCHREALTIME
    /usr/bin/time -o "$WORK/time.txt" -f "%M %U %S" timeout "$LIMIT" "$@" >/dev/null 2>&1 || true
    end=$EPOCHREALTIME
    if grep -q "status 2$" "$WORK/time.txt"; then
        # carepath's "could not run", here a file over its size limit.
        echo "refused - -"
    elif [[ $(tail -1 "$WORK/time.txt") =~ ^([0-9]+)\ ([0-9.]+)\ ([0-9.]+)$ ]] && ! grep -q "status 124" "$WORK/time.txt"; then
        awk -v a="$start" -v b="$end" -v k="${BASH_REMATCH[1]}" -v u="${BASH_REMATCH[2]}" -v s="${BASH_REMATCH[3]}" \
            'BEGIN { printf "%.3f %.2f %.1f", b - a, u + s, k / 1024 }'
    else
        echo "timeout - -"
    fi
}

row() { printf '%-44s %12s %12s %10s\n' "$@"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a+0 > 0 && b+0 > 0) printf "%.2fx", a / b; else print "-" }'; }
# of_files MIB FILE...: peak memory as a multiple of the files' total
# size, and in brackets the same for what the command held above what it
# holds for a small pathway ($tm, measured below).
of_files() {
    local mib=$1 bytes=0 f
    shift
    for f in "$@"; do bytes=$((bytes + $(stat -c %s "$f"))); done
    awk -v m="$mib" -v t="${tm:-0}" -v b="$bytes" \
        'BEGIN { if (m+0 > 0) printf "%.2fx (%.2fx)", m * 1048576 / b, (m - t) * 1048576 / b; else print "-" }'
}

# peer LABEL CARE_SECONDS CARE_MIB CMD...: a peer's figures beside carepath's.
peer() {
    local label=$1 cs=$2 cm=$3
    shift 3
    if ! have "$1"; then
        row "  $label" "not installed" "" ""
        return
    fi
    read -r ps pm <<<"$(run "$@")"
    row "  $label (s / MiB)" "$ps" "$pm" "$(ratio "$ps" "$cs") time"
}

if ! have /usr/bin/time; then
    echo "perf-report needs GNU time (/usr/bin/time): apt-get install time" >&2
    exit 2
fi
echo "$("$BIN" --version 2>/dev/null || true) on $(nproc) cores, $(date -u +%FT%TZ)"
echo "ratios are peer / carepath: above 1x, carepath is faster"
echo

for n in "${LIBRARIES[@]}"; do
    lib=$WORK/library-$n
    [[ -d $lib ]] || timeout "$LIMIT" "$GEN" library "$lib" "$n"
    echo "== library of $n pathways ($(du -sh "$lib/" | cut -f1))"
    read -r cs cc cm <<<"$(run_cpu "$BIN" check "$lib")"
    row "carepath check (s / MiB)" "$cs" "$cm" ""
    # The same check on one core, as it ran before files were read in
    # parallel: the ratio is what the machine's cores bring.
    read -r c1 c1c _ <<<"$(run_cpu env RAYON_NUM_THREADS=1 "$BIN" check "$lib")"
    row "carepath check on one core (s)" "$c1" "" "$(ratio "$c1" "$cs") on $(nproc)"
    row "  processor seconds: all cores / one core" "$cc" "$c1c" ""
    peer "yamllint" "$cs" "$cm" yamllint -d relaxed "$lib"
    if have python3 && [[ -f $PROBE ]]; then
        state=$WORK/state-$n
        rm -rf "$state"
        for start in cold indexed; do
            PROBE_STATE_DIR=$state timeout "$LIMIT" python3 "$PROBE" "$BIN" "$lib" 80 24 "$n" \
                | while read -r key value; do row "app, $start start: $key" "$value" "" ""; done || true
        done
    fi
    echo
done

# What any command holds before it reads a file (its code, mostly), to
# read the memory ratios of small files by.
tiny=pathways/care-home-medication-review.yaml
read -r _ _ tm <<<"$(run_cpu "$BIN" diff "$tiny" "$tiny")"
row "carepath diff of a small pathway (MiB)" "" "$tm" ""
echo "memory ratios: peak / the files read (in brackets: above the small pathway's peak)"
echo

for pair in "${PAIRS[@]}"; do
    name=${pair%%:*} steps=${pair##*:}
    dir=$WORK/pair-$name
    [[ -f $dir/base.yaml ]] || timeout "$LIMIT" "$GEN" versions "$dir" "$steps"
    echo "== $name versions ($(du -h "$dir/base.yaml" | cut -f1) each)"
    read -r cs cc cm <<<"$(run_cpu "$BIN" diff "$dir/base.yaml" "$dir/ours.yaml")"
    row "carepath diff (s / MiB)" "$cs" "$cm" "$(of_files "$cm" "$dir/base.yaml" "$dir/ours.yaml") files"
    peer "git diff --no-index" "$cs" "$cm" git diff --no-index "$dir/base.yaml" "$dir/ours.yaml"
    peer "difft" "$cs" "$cm" difft --display inline --color never "$dir/base.yaml" "$dir/ours.yaml"
    cp "$dir/ours.yaml" "$dir/merged.yaml"
    read -r ms mc mm <<<"$(run_cpu "$BIN" merge "$dir/base.yaml" "$dir/merged.yaml" "$dir/theirs.yaml")"
    row "carepath merge (s / MiB)" "$ms" "$mm" "$(ratio "$ms" "$cs") of diff"
    row "  merge peak memory / the three files" "" "" "$(of_files "$mm" "$dir/base.yaml" "$dir/ours.yaml" "$dir/theirs.yaml")"
    row "  processor seconds: merge / diff" "$mc" "$cc" "$(ratio "$mc" "$cc")"
    cp "$dir/ours.yaml" "$dir/merged.yaml"
    peer "git merge-file" "$ms" "$mm" git merge-file "$dir/merged.yaml" "$dir/base.yaml" "$dir/theirs.yaml"
    cp "$dir/ours.yaml" "$dir/merged.yaml"
    peer "mergiraf" "$ms" "$mm" mergiraf merge "$dir/base.yaml" "$dir/merged.yaml" "$dir/theirs.yaml" -o "$dir/mergiraf.yaml"
    cp "$dir/ours.yaml" "$dir/set.yaml"
    read -r ss _ sm <<<"$(run_cpu "$BIN" set "$dir/set.yaml" steps.s50.title "New title")"
    row "carepath set, one step's title (s / MiB)" "$ss" "$sm" "$(of_files "$sm" "$dir/ours.yaml") file"
    echo
done

echo "== compare: two participants' analyses"
for points in 1000 4000; do
    [[ -f $WORK/analyses-$points.yaml ]] || "$GEN" analyses "$WORK/analyses-$points.yaml" "$points"
done
# best3 CMD...: the fastest of three runs, as one run of a short command
# varies by a tenth on a shared machine.
best3() {
    local a b c
    read -r a _ <<<"$(run "$@")"
    read -r b _ <<<"$(run "$@")"
    read -r c _ <<<"$(run "$@")"
    printf '%s\n' "$a" "$b" "$c" | sort -g | head -1
}
a1=$(best3 "$BIN" compare "$WORK/analyses-1000.yaml" --between org0 org1)
a4=$(best3 "$BIN" compare "$WORK/analyses-4000.yaml" --between org0 org1)
row "compare --between, 1,000 points (s)" "$a1" "" ""
row "compare --between, 4,000 points (s)" "$a4" "" "$(ratio "$a4" "$a1") of 1,000"
m1=$(best3 "$BIN" compare "$WORK/analyses-1000.yaml")
m4=$(best3 "$BIN" compare "$WORK/analyses-4000.yaml")
row "compare (every participant), 1,000 points (s)" "$m1" "" ""
row "compare (every participant), 4,000 points (s)" "$m4" "" "$(ratio "$m4" "$m1") of 1,000"
