#!/usr/bin/env bash
# How long each command takes on hostile inputs of up to 8 MiB: deep
# nesting, long flow sequences, a huge but ordinary pathway. Prints one
# line per command and input, in seconds. Usage:
#   cargo build --release && benches/hostile_inputs.sh [path/to/carepath]
set -eu  # no pipefail: `yes | head` ends `yes` with SIGPIPE by design
bin=${1:-target/release/carepath}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mib=$((8 * 1024 * 1024))

# 200 KB and 8 MiB of `[`; 8 MiB of 30-deep nested lists; 8 MiB of small
# lists in one flow list; an ordinary pathway of 8 MiB (280,000 steps).
{ printf 'carepath: 1\nid: deep\ntitle: '; head -c 200000 /dev/zero | tr '\0' '['; echo; } >"$dir/deep.yaml"
{ printf 'carepath: 1\nid: deep8\ntitle: '; head -c $((mib - 40)) /dev/zero | tr '\0' '['; echo; } >"$dir/deep8.yaml"
unit="$(printf '%.0s[' {1..30})$(printf '%.0s]' {1..30}),"
{ printf 'carepath: 1\nid: nested\ntitle: x\nx: ['; yes "$unit" | tr -d '\n' | head -c $((mib - 60)); echo '1]'; } >"$dir/nested.yaml"
{ printf 'carepath: 1\nid: flow\ntitle: x\nx: ['; yes '[1, 2, 3],' | tr -d '\n' | head -c $((mib - 60)); echo '1]'; } >"$dir/flow.yaml"
{ printf 'carepath: 1\nid: big\ntitle: x\nsteps:\n'; yes | head -n 280000 | awk '{ printf "  - id: s%d\n    title: t\n", NR }'; } | head -c $((mib - 100)) | sed '$d' >"$dir/big.yaml"

time_it() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || true
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}

for f in deep deep8 nested flow big; do
  file="$dir/$f.yaml"
  printf '%-8s %6s KiB  check %ss  compare %ss  diff %ss  set %ss\n' "$f" $(( $(stat -c %s "$file") / 1024 )) \
    "$(time_it "$bin" check "$file")" \
    "$(time_it "$bin" compare "$file")" \
    "$(time_it "$bin" diff "$file" "$file")" \
    "$(time_it "$bin" set "$file" title y)"
done
