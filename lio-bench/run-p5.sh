#!/usr/bin/env bash
# Benchmark P5, virtual threads: 10 000 virtual threads doing O_DIRECT 4 KiB random reads of a 1 GiB file on the
# project's disk, through lio-uring's blocking AsyncFile.read (one EventLoop) vs through FileChannel with
# ExtendedOpenOption.DIRECT (a blocked read holds its carrier). Reports reads/s, latency, CPU per read and the peak
# number of OS threads. Each side runs in its own JVM. Creates bench-results/p5-random-1g.bin (random bytes) if it
# is missing. Writes bench-results/p5.json and bench-results/p5.md at the repository root.
#
# Usage: lio-bench/run-p5.sh [--quick] [--duration S] [--warmup S] [--rounds N] [--threads N] [--entries N]
#                            [--file PATH] [--size-mib N] [--child-jvm-arg ARG]...
#   --quick       3 s warm-up + 3 s measured per side
#   --entries N   the lio-uring EventLoop's ring size (default: EventLoop's default, 256)
#   --file PATH   the data file (must be on a real disk, not tmpfs; default bench-results/p5-random-1g.bin)
#   --fio-depth N the queue depth of the device-reference run with fio's io_uring engine (default 1024); --fio none skips it
# Defaults: 3 s warm-up + 10 s measured per side and for fio, 1 round (about 1 minute once the file exists).
set -euo pipefail

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$bench_dir/run-options.sh"
parse_run_options "--warmup 3 --duration 3" \
    "--duration|--warmup|--rounds|--threads|--entries|--file|--size-mib|--fio|--fio-depth|--child-jvm-arg" "$@"
jvm_option_defaults --child-jvm-arg --enable-native-access=ALL-UNNAMED -Xms512m -Xmx512m

source "$bench_dir/p456-common.sh"

cd "$root"
exec "$java" -cp "$classpath" io.liouring.bench.vthreads.P5Runner --java "$java" --classpath "$classpath" \
    --file "$results/p5-random-1g.bin" --out "$results" --command "$command" "${defaults[@]}" "${args[@]}"
