#!/usr/bin/env bash
# Benchmarks P2 (storage-bound 4 KiB random reads, O_DIRECT) and P3 (the same reads from the page cache):
# lio-uring vs fio's io_uring engine vs FileChannel vs AsynchronousFileChannel, in one run
# (io.liouring.bench.storage.RandomReadBench). Prints the tables and writes bench-results/p2p3.json and
# bench-results/p2p3.md (a Markdown section for BENCHMARKS.md) at the repository root.
#
# Usage: lio-bench/run-p2p3.sh [--quick] [--cpus LIST] [--duration SECONDS] [--warmup SECONDS] [--rounds N]
#                              [--benchmarks p2,p3] [--depths 1,32,128] [--channel-threads 1,2,32]
#                              [--async-depths 32,128] [--p3-threads 2] [--p3-depth 32] [--batched true|false]
#                              [--ceiling true|false] [--file PATH] [--file-mib N]
#   --quick      a short validation run: 1 round of 1 s warm-up + 2 s measured per contender (about a minute)
#   --cpus LIST  run everything (the JVM and fio) on these CPUs (taskset -c LIST); default: all CPUs
#   --batched    also run lio-uring and fio waiting for batches of depth/4 completions (default true)
#   --ceiling    also run fio with 2 jobs at the largest depth: the device's limit (default true)
# Defaults: 3 rounds of 2 s warm-up + 4 s measured per contender (about 6 minutes); the test file,
# bench-results/p2p3-data/random-1g.bin (1 GiB of random bytes, on the disk under the repository), is created once.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")

command="lio-bench/run-p2p3.sh${*:+ $*}"
cpus=""
runner_args=(--rounds 3 --warmup 2 --duration 4)
while (( $# > 0 )); do
    case $1 in
        --quick) runner_args+=(--rounds 1 --warmup 1 --duration 2); shift ;;
        --cpus) cpus=$2; shift 2 ;;
        --duration|--warmup|--rounds|--benchmarks|--depths|--channel-threads|--async-depths|--p3-threads|--p3-depth|--batched|--ceiling|--file|--file-mib)
            (( $# >= 2 )) || { echo "run-p2p3.sh: $1 needs a value" >&2; exit 2; }
            runner_args+=("$1" "$2"); shift 2 ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) echo "run-p2p3.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

# fio, the external peer.
if ! dpkg -s fio >/dev/null 2>&1; then
    echo "run-p2p3.sh: installing fio" >&2
    apt-get install -y fio >&2
fi

# lio-uring and lio-bench, rebuilt when a source or pom is newer; the runtime class path written next to them.
classpath_file=$here/target/p2p3-classpath.txt
if [[ ! -f $classpath_file ]] || [[ -n $(find "$root/pom.xml" "$root/lio-uring/pom.xml" "$root/lio-uring/src/main" \
        "$here/pom.xml" "$here/src/main/java" -newer "$classpath_file" -print -quit) ]]; then
    echo "run-p2p3.sh: building lio-bench" >&2
    (cd "$root" && mvn -q -B -pl lio-bench -am package dependency:build-classpath -DskipTests \
        -Dmdep.outputFile=target/dependency-classpath.txt -DincludeScope=runtime)
    echo "$here/target/classes:$(cat "$here/target/dependency-classpath.txt")" > "$classpath_file"
fi

source "$root/scripts/find-jdk.sh"
java_home=$(lio_find_jdk)

pin=()
[[ -n $cpus ]] && pin=(taskset -c "$cpus")
cd "$root"
exec "${pin[@]}" "$java_home/bin/java" --enable-native-access=ALL-UNNAMED -cp "$(cat "$classpath_file")" \
    io.liouring.bench.storage.RandomReadBench --out "$root/bench-results" --command "$command" "${runner_args[@]}"
