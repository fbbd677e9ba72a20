#!/usr/bin/env bash
# FileChannel.transferTo between two file channels, on the JDK's provider and on lio-nio's, in one JVM: a file of
# random bytes (bench-results/transfer-data/random-<N>m.bin, created if missing) in the page cache copied to a new
# file beside it, on a platform and a virtual thread, rounds interleaved; each copy checked byte for byte, deleted and
# synced outside the timing (io.liouring.bench.storage.TransferBench). Prints each copy with the load average and a
# Markdown table of medians.
#
# With --target socket, the file goes into a loopback JDK socket read (and checksummed) by a thread of the same JVM:
# transferTo as a server sends a file.
#
# Usage: lio-bench/run-transfer.sh [--size-mib N] [--rounds N] [--threads platform,virtual] [--target file|socket]
#   defaults: 1024 MiB, 5 rounds, both thread kinds, into a file
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/p456-common.sh"
cd "$root"
exec "$java" --enable-native-access=ALL-UNNAMED -Xms256m -Xmx256m -cp "$classpath" \
    io.liouring.bench.storage.TransferBench --out "$results" "$@"
