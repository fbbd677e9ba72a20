#!/usr/bin/env bash
# Runs every benchmark (P1..P9, P1's NOP latency histogram, start-up and the tool's data path) one after the other, then collects the goal ratios
# into one table and chart (bench-results/ratios.md, docs/benchmark-ratios.svg) and writes BENCHMARKS.md from the
# parts. p1-latency, p7 and datapath have no entry in the ratio chart: their ratios are in their own sections only.
# Usage: lio-bench/run-all.sh [--quick] [--only p1,p1-latency,p2p3,p4,p5,p6,p7,p8,p9,startup,datapath]
#   --quick   each benchmark's short run (a few minutes in all); without it the full runs (about an hour)
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
quick=()
only="p1,p1-latency,p2p3,p4,p5,p6,p7,p8,p9,startup,datapath"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=(--quick); shift ;;
    --only) only=$2; shift 2 ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) echo "run-all: unknown option $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$root/bench-results"
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u +%s)
parts=()
for b in ${only//,/ }; do
  echo "== $b ${quick[*]:-} ($(date -u +%H:%M:%SZ))" >&2
  part_started=$(date -u +%s)
  "$root/lio-bench/run-$b.sh" "${quick[@]}" || echo "run-all: $b failed (see its output above)" >&2
  parts+=("$b $(( ($(date -u +%s) - part_started + 30) / 60 ))")
done
python3 "$root/lio-bench/summarize.py"
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
{
  echo "# Benchmarks"
  echo
  echo "lio-uring side by side with its peers, each table measured in one run on the machine it names."
  echo "Regenerate with \`./lio bench\` (full) or \`./lio bench --quick\`. Ratios > 1 favour lio-uring."
  echo
  echo "This run: \`./lio bench ${quick[*]:-}\`, $(date -u -d "@$started" +%Y-%m-%dT%H:%MZ), $(( ($(date -u +%s) - started + 59) / 60 )) minutes,"
  echo "$(nproc) CPUs, kernel $(uname -r); minutes per part: $(IFS=,; echo "${parts[*]}" | sed 's/,/, /g');"
  echo "load average at start ${load_start}, at end ${load_end} (1/5/15 min). A load above the CPU count means"
  echo "other work shared the machine and the ratios below are noisy; rerun on a quiet machine before judging."
  echo
  echo "![ratio per goal](docs/benchmark-ratios.svg)"
  echo
  # What the numbers mean, where we are behind and why: written by hand after a run, kept across runs.
  if [ -f "$root/lio-bench/results/ANALYSIS.md" ]; then
    cat "$root/lio-bench/results/ANALYSIS.md"
    echo
  fi
  echo "## Goals at a glance"
  echo
  cat "$root/bench-results/ratios.md"
  for part in p1 p1-latency p2p3 p4 p5 p5-cached p5-device p6 p7 p8 p9 startup datapath; do
    if [ -f "$root/bench-results/$part.md" ]; then
      echo
      cat "$root/bench-results/$part.md"
      # Earlier runs of this part, experiments and what they showed: written by hand, kept across runs.
      if [ -f "$root/lio-bench/results/notes/$part.md" ]; then
        echo
        cat "$root/lio-bench/results/notes/$part.md"
      fi
    fi
  done
} > "$root/BENCHMARKS.md"
echo "run-all: wrote BENCHMARKS.md and docs/benchmark-ratios.svg" >&2
