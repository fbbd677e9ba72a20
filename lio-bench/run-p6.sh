#!/usr/bin/env bash
# Benchmark P6, allocation per operation (JMH with -prof gc and a per-thread allocation profiler): the async path —
# a submitting thread hands a reused Nop to an EventLoop and waits for its future (one at a time, and 32 in a row)
# — and, when P1's NopBenchmark is in lio-bench, the ring path (push/submit/reap of a reused Nop). Writes
# bench-results/p6.json and bench-results/p6.md at the repository root.
#
# Usage: lio-bench/run-p6.sh [--quick] [--forks N] [--warmup N] [--iterations N] [--time-ms MS]
#   --quick   1 fork, 3 warm-up + 3 measured iterations of 500 ms
# Defaults: 2 forks x (5 warm-up + 5 measured iterations of 1 s) per benchmark (about 1 minute per benchmark).
set -euo pipefail

command="lio-bench/run-p6.sh${*:+ $*}"
args=()
while (( $# > 0 )); do
    case $1 in
        --quick) args+=(--forks 1 --warmup 3 --iterations 3 --time-ms 500); shift ;;
        --forks|--warmup|--iterations|--time-ms)
            (( $# >= 2 )) || { echo "run-p6.sh: $1 needs a value" >&2; exit 2; }
            args+=("$1" "$2"); shift 2 ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) echo "run-p6.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/p456-common.sh"

cd "$root"
exec "$java" --enable-native-access=ALL-UNNAMED -cp "$classpath" io.liouring.bench.alloc.P6Runner --out "$results" \
    --command "$command" "${args[@]}"
