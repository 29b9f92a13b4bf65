#!/usr/bin/env bash
# carepath diff and difftastic on the same two versions of a 10,000-step
# pathway (the diff benchmark writes them), side by side.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v difft >/dev/null || cargo install --locked difftastic
cargo bench --bench diff -- --warm-up-time 1 --measurement-time 5 'carepath_diff_command|difftastic_same_files'
