#!/usr/bin/env bash
# Benchmark P6, allocation per operation (JMH with -prof gc and a per-thread allocation profiler): the async path —
# a submitting thread hands a reused Nop to an EventLoop and waits for its future (one at a time, and 32 in a row),
# or submits it with a RequestCallback and no future (one at a time, 32 in a row, and a chain of 32 each submitted
# from the previous one's callback on the loop thread) — and, when P1's NopBenchmark is in lio-bench, the ring path (push/submit/reap of a reused Nop). Writes
# bench-results/p6.json and bench-results/p6.md at the repository root.
#
# Usage: lio-bench/run-p6.sh [--quick] [--forks N] [--warmup N] [--iterations N] [--time-ms MS]
#   --quick   1 fork, 3 warm-up + 3 measured iterations of 500 ms
# Defaults: 2 forks x (5 warm-up + 5 measured iterations of 1 s) per benchmark (about 1 minute per benchmark).
set -euo pipefail

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$bench_dir/run-options.sh"
parse_run_options "--forks 1 --warmup 3 --iterations 3 --time-ms 500" "--forks|--warmup|--iterations|--time-ms" "$@"

source "$bench_dir/p456-common.sh"

cd "$root"
exec "$java" --enable-native-access=ALL-UNNAMED -cp "$classpath" io.liouring.bench.alloc.P6Runner --out "$results" \
    --command "$command" "${args[@]}"
