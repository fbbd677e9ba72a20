#!/usr/bin/env bash
# Benchmark P8, unchanged java.nio code on virtual threads: 10 000 virtual threads each read 4 KiB at random offsets
# of one 256 MiB file with FileChannel.read(buffer, position), cached and O_DIRECT, separately Files.readAllBytes
# of many small files, and 4 KiB FileChannel.write(buffer, position) at random offsets of another 256 MiB file; the
# same program on the JDK's default FileSystemProvider and on lio-nio's (a child JVM per workload, provider and
# round; the lio side only adds -Djava.nio.file.spi.DefaultFileSystemProvider=...). Reports reads/s, CPU per read
# and the peak number of threads, each cell the median of the rounds with min and max. Creates
# bench-results/p8-random-256m.bin, bench-results/p8-writes-256m.bin and bench-results/p8-small-files/ when missing.
# Beside the page-cache workloads it times, in C on one thread, the system calls each provider makes for them
# (src/main/c/page_cache_floor.c, built with gcc when present): the floor of lio-nio's ratio on this machine.
# Writes bench-results/p8.json and bench-results/p8.md at the repository root. A provider class missing from the build is reported as not run.
#
# Usage: lio-bench/run-p8.sh [--quick] [--duration S] [--warmup S] [--rounds N] [--threads N] [--modes LIST]
#                            [--sides jdk,lio] [--lio-provider CLASS] [--file PATH] [--size-mib N] [--dir PATH]
#                            [--files N] [--file-bytes N] [--fio PATH|none] [--fio-jobs N] [--fio-depth N] [--child-jvm-arg ARG]...
#   --quick       1 s warm-up + 2 s measured per run, 3 rounds (about 2 minutes)
#   --modes       a subset of cached,direct,small-files,writes
#   --sides       jdk,lio (default), or one of them
#   --file PATH   the data file (must be on a real disk, not tmpfs, for O_DIRECT)
#   --fio-depth N, --fio-jobs N  the O_DIRECT device reference with fio's io_uring engine: jobs (default: one per
#                 CPU), each at this queue depth (default 128); --fio none skips it
# Defaults: 6 s warm-up (lio-nio's deeper path needs it for the JIT) + 4 s measured per run, 3 rounds (about 4 minutes
# once the files exist).
set -euo pipefail

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$bench_dir/run-options.sh"
parse_run_options "--warmup 1 --duration 2" \
    "--duration|--warmup|--rounds|--threads|--modes|--sides|--lio-provider|--file|--size-mib|--dir|--files|--file-bytes|--fio|--fio-jobs|--fio-depth|--child-jvm-arg" \
    "$@"
jvm_option_defaults --child-jvm-arg --enable-native-access=ALL-UNNAMED -Xms512m -Xmx512m
defaults+=(--warmup 6 --duration 4)

source "$bench_dir/p456-common.sh"

# fio, the O_DIRECT device reference (as run-p2p3.sh does); skipped with --fio none.
if [[ " ${args[*]} " != *" --fio none "* ]] && ! dpkg -s fio >/dev/null 2>&1; then
    echo "run-p8.sh: installing fio" >&2
    apt-get install -y fio >&2 || echo "run-p8.sh: fio not installed; the device reference is left out" >&2
fi

# The page-cache workloads' system-call floor (src/main/c/page_cache_floor.c); skipped without a C compiler.
floor=none
if command -v gcc >/dev/null 2>&1; then
    floor=$here/target/page_cache_floor
    build_c "$here/src/main/c/page_cache_floor.c" "$floor"
else
    echo "run-p8.sh: no gcc; the page-cache floor reference is left out" >&2
fi

cd "$root"
exec "$java" -cp "$classpath" io.liouring.bench.vthreads.P8Runner --java "$java" --classpath "$classpath" \
    --file "$results/p8-random-256m.bin" --write-file "$results/p8-writes-256m.bin" --dir "$results/p8-small-files" --out "$results" --command "$command" --floor "$floor" \
    "${defaults[@]}" "${args[@]}"
