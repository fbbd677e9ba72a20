#!/usr/bin/env bash
# Benchmark P1, NOP throughput: lio-uring as a JMH benchmark (io.liouring.bench.NopBenchmark) and as a plain main
# loop (io.liouring.bench.NopLoop) side by side with liburing (src/main/c/nop_bench.c), all three doing push N,
# submit-and-wait N, reap N, interleaved in one run and pinned to the same CPU. Prints the table and writes
# bench-results/p1.json and bench-results/p1.md (a Markdown section for BENCHMARKS.md) at the repository root.
#
# Usage: lio-bench/run-p1.sh [--quick] [--cpu N] [--rounds N] [--warmup N] [--iterations N] [--time-ms MS]
#                            [--setups default,defer_taskrun] [--batches 1,32,128] [--jvm-arg ARG]...
#   --quick   a short validation run (1 round, 5 warm-up + 3 measured iterations of 1000 ms; under load the
#             JIT may still be compiling, which shows as allocation at batch 1)
#   --cpu N   the CPU all sides are pinned to (default: the last one)
# Defaults: 3 rounds x (5 warm-up + 4 measured iterations of 1000 ms) per configuration and side; the
# warm-up is for the JIT, which shares the pinned CPU with the benchmark thread.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")

# The newest JDK >= 22 under /usr/lib/jvm, as the build's toolchain lookup finds it (no JAVA_HOME).
find_java() {
    local dir major best="" best_major=0
    for dir in /usr/lib/jvm/*/; do
        dir=${dir%/}
        [[ -x $dir/bin/java && -x $dir/bin/javac && -f $dir/release ]] || continue
        major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$dir/release")
        if [[ -n $major ]] && (( major >= 22 && major > best_major )); then
            best=$dir
            best_major=$major
        fi
    done
    if [[ -z $best ]]; then
        echo "run-p1.sh: no JDK 22 or newer under /usr/lib/jvm" >&2
        return 1
    fi
    echo "$best/bin/java"
}

command="lio-bench/run-p1.sh${*:+ $*}"
cpu=$(( $(nproc --all) - 1 ))
runner_args=(--rounds 3 --warmup 5 --iterations 4 --time-ms 1000)
while (( $# > 0 )); do
    case $1 in
        --quick) runner_args+=(--rounds 1 --iterations 3); shift ;;
        --cpu) cpu=$2; shift 2 ;;
        --rounds|--warmup|--iterations|--time-ms|--setups|--batches|--jvm-arg)
            (( $# >= 2 )) || { echo "run-p1.sh: $1 needs a value" >&2; exit 2; }
            runner_args+=("$1" "$2"); shift 2 ;;
        -h|--help) sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "run-p1.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

# liburing for the C baseline.
if ! dpkg -s liburing-dev >/dev/null 2>&1; then
    echo "run-p1.sh: installing liburing-dev" >&2
    apt-get install -y liburing-dev >&2 || { apt-get update >&2 && apt-get install -y liburing-dev >&2; }
fi
liburing=$(dpkg-query -W -f='${Version}' liburing-dev)

# The JMH uber-jar, rebuilt when a source or pom is newer.
jar=$here/target/benchmarks.jar
if [[ ! -f $jar ]] || [[ -n $(find "$root/pom.xml" "$root/lio-uring/pom.xml" "$root/lio-uring/src/main" \
        "$here/pom.xml" "$here/src/main/java" -newer "$jar" -print -quit) ]]; then
    echo "run-p1.sh: building lio-bench" >&2
    (cd "$root" && mvn -q -B -pl lio-bench -am package -DskipTests)
fi

# The C baseline.
c_binary=$here/target/nop_bench
if [[ ! -x $c_binary || $here/src/main/c/nop_bench.c -nt $c_binary ]]; then
    mkdir -p "$here/target"
    gcc -O2 -Wall -Wextra -o "$c_binary" "$here/src/main/c/nop_bench.c" -luring
fi

java=$(find_java)
cd "$root"
# -Djmh.ignoreLock: JMH refuses to start while another JMH run holds /tmp/jmh.lock; on a machine shared with other
# benchmark runs that would end this one half-way (the load average in the report says how busy the machine was).
exec taskset -c "$cpu" "$java" --enable-native-access=ALL-UNNAMED -Djmh.ignoreLock=true -cp "$jar" io.liouring.bench.P1Runner \
    --c-binary "$c_binary" --out "$root/bench-results" --liburing "$liburing" \
    --command "$command" "${runner_args[@]}"
