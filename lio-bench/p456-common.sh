# Sourced by run-p1-latency.sh, run-p4.sh .. run-p9.sh: finds the JDK, builds lio-bench
# when its sources changed and sets $java, $classpath (lio-bench classes + lio-uring and lio-nio classes + dependencies),
# $root and $results.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
results=$root/bench-results
mkdir -p "$results"

# shellcheck source=../scripts/find-jdk.sh
source "$root/scripts/find-jdk.sh"
jdk=$(lio_find_jdk)
java=$jdk/bin/java

cp_file=$here/target/p456-classpath.txt
if [[ ! -f $cp_file ]] || [[ -n $(find "$root/pom.xml" "$root/lio-uring/pom.xml" "$root/lio-uring/src/main" \
        "$root/lio-nio/pom.xml" "$root/lio-nio/src/main" "$here/pom.xml" "$here/src/main/java" -newer "$cp_file" -print -quit) ]]; then
    echo "building lio-bench" >&2
    (cd "$root" && mvn -q -B -pl lio-bench -am compile dependency:build-classpath -DskipTests \
        -Dmdep.outputFile="$cp_file.tmp" >&2)
    mv "$cp_file.tmp" "$cp_file"
fi
classpath=$here/target/classes:$(cat "$cp_file")

# Runs a C program's build: $1 source, $2 binary, rest: extra gcc arguments.
build_c() {
    local src=$1 bin=$2
    shift 2
    if [[ ! -x $bin || $src -nt $bin ]]; then
        mkdir -p "$(dirname "$bin")"
        gcc -O2 -Wall -Wextra -o "$bin" "$src" "$@"
    fi
}

# Builds P4's C load client (src/main/c/echo_client.c) and runs the echo runner $1 (P4's EchoRunner, P9's P9Runner)
# with it from the repository root, the runner options $defaults and $args last.
exec_echo_runner() {
    local runner=$1 client=$here/target/echo_client
    build_c "$here/src/main/c/echo_client.c" "$client" -pthread
    cd "$root"
    exec "$java" -cp "$classpath" "$runner" --client "$client" --java "$java" --classpath "$classpath" \
        --out "$results" --command "$command" "${defaults[@]}" "${args[@]}"
}
