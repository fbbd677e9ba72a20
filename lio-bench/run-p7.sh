#!/usr/bin/env bash
# Benchmark P7, file copy: a 1 GiB file of random bytes on the disk under the repository (not tmpfs) copied by
# lio-uring (AsyncFile.copy, the library's copy), by FileChannel.transferTo and by coreutils cp, in one run,
# alternating, each copy verified byte for byte outside the timing; with the page cache warm and, where this
# process may drop it (root), cold. Reports wall time, MB/s, CPU seconds and the ratios lio-uring vs each peer, and
# the system calls of one copy each (strace -f -c, when strace is installed). Creates
# bench-results/p7-data/random-<N>m.bin (random bytes) if it is missing. Writes bench-results/p7.json and
# bench-results/p7.md at the repository root (io.liouring.bench.storage.CopyBench).
#
# Usage: lio-bench/run-p7.sh [--quick] [--size-mib N] [--repeats N] [--warmup N] [--modes warm,cold]
#                            [--strace true|false] [--file PATH]
#   --quick      a 128 MiB file, 2 rounds per mode (about 15 s once built)
#   --warmup N   untimed copies per copier before the timed ones (default 3)
#   --file PATH  the source file (on a real disk; the copy goes next to it); created if missing
# Defaults: 1024 MiB, 5 rounds per mode: 3 copiers x (3 warm-up + 5 warm + 5 cold) + 3 strace copies, each also
# verified, deleted and synced: about 2 minutes on a 2-vCPU virtual machine whose disk reads ~2 GB/s (estimated
# from the quick run), plus a few seconds to create the 1 GiB file the first time.
set -euo pipefail

command="lio-bench/run-p7.sh${*:+ $*}"
args=()
while (( $# > 0 )); do
    case $1 in
        --quick) args+=(--size-mib 128 --repeats 2); shift ;;
        --size-mib|--repeats|--warmup|--modes|--strace|--file)
            (( $# >= 2 )) || { echo "run-p7.sh: $1 needs a value" >&2; exit 2; }
            args+=("$1" "$2"); shift 2 ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) echo "run-p7.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/p456-common.sh"

cd "$root"
exec "$java" --enable-native-access=ALL-UNNAMED -Xms256m -Xmx256m -cp "$classpath" io.liouring.bench.storage.CopyBench \
    --out "$results" --command "$command" "${args[@]}"
