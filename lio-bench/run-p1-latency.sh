#!/usr/bin/env bash
# Benchmark P1, NOP latency histogram (part p1-latency of run-all.sh): one NOP round trip at a time (push,
# submit-and-wait for 1, reap), each timed, for lio-uring (io.liouring.bench.NopLatency, HdrHistogram) and liburing
# (src/main/c/nop_bench.c --latency), on the default ring and SINGLE_ISSUER|DEFER_TASKRUN, in one run pinned to
# the same CPU. Reports p50/p90/p99/p99.9/p99.99/max of both sides and the ratio C ÷ lio-uring. Writes
# bench-results/p1-latency.json and bench-results/p1-latency.md at the repository root.
# (A part of its own, beside run-p1.sh's throughput, so that each stays one runner with one table.)
#
# Usage: lio-bench/run-p1-latency.sh [--quick] [--cpu N] [--rounds N] [--ops N] [--warmup-ops N]
#                                    [--setups default,defer_taskrun]
#   --quick   1 round of 50 000 warm-up + 300 000 recorded round trips per side and setup (a few seconds)
#   --cpu N   the CPU both sides are pinned to (default: the last one)
# Defaults: 3 rounds x (500 000 warm-up + 2 000 000 recorded round trips) per side and setup: about 1 minute at
# 1.5 µs per round trip (the figure on a 2-vCPU virtual machine; faster machines finish sooner).
set -euo pipefail

command="lio-bench/run-p1-latency.sh${*:+ $*}"
cpu=$(( $(nproc --all) - 1 ))
args=()
while (( $# > 0 )); do
    case $1 in
        --quick) args+=(--rounds 1 --warmup-ops 50000 --ops 300000); shift ;;
        --cpu) cpu=$2; shift 2 ;;
        --rounds|--ops|--warmup-ops|--setups)
            (( $# >= 2 )) || { echo "run-p1-latency.sh: $1 needs a value" >&2; exit 2; }
            args+=("$1" "$2"); shift 2 ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) echo "run-p1-latency.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

# liburing for the C side.
if ! dpkg -s liburing-dev >/dev/null 2>&1; then
    echo "run-p1-latency.sh: installing liburing-dev" >&2
    apt-get install -y liburing-dev >&2 || { apt-get update >&2 && apt-get install -y liburing-dev >&2; }
fi
liburing=$(dpkg-query -W -f='${Version}' liburing-dev)

source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/p456-common.sh"
c_binary=$here/target/nop_bench
build_c "$here/src/main/c/nop_bench.c" "$c_binary" -luring

cd "$root"
exec taskset -c "$cpu" "$java" --enable-native-access=ALL-UNNAMED -Xms256m -Xmx256m -cp "$classpath" \
    io.liouring.bench.NopLatencyRunner --c-binary "$c_binary" --out "$results" --cpu "$cpu" --liburing "$liburing" \
    --command "$command" "${args[@]}"
