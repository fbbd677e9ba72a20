#!/usr/bin/env bash
# Start-up of the lio tool against the JVM's own floor, in one run: a hello-world on the same JDK, then
# `./lio stat FILE`, `./lio cat FILE`, `./lio hash FILE` and `./lio cp FILE COPY` of a small file, each a new
# process, rounds interleaved (every round runs each command once, the order rotating), stdout to /dev/null. Prints a Markdown
# table (wall median/min/max, CPU = user + system of the process and its threads) to stdout and to
# bench-results/startup.md.
# Usage: lio-bench/run-startup.sh [--quick] [--rounds N] [--baseline JAR]
#   --quick          21 timed rounds (run-all.sh's short run); without it 41
#   --rounds N       timed rounds, after 2 untimed ones
#   --baseline JAR   also time `java -jar JAR stat|cat|hash FILE` (an older lio.jar, for a before/after)
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
rounds=41
baseline=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) rounds=21; shift ;;
    --rounds) rounds=$2; shift 2 ;;
    --baseline) baseline=$(readlink -f "$2"); shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "run-startup: unknown option $1" >&2; exit 2 ;;
  esac
done
source "$root/scripts/find-jdk.sh"
jdk=$(lio_find_jdk)
lio="$root/lio"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Build the tool if needed, then let ./lio's background training of the AOT cache (JDK 24+) finish, so that the
# timed runs use the cache as a user's second and later runs do.
"$lio" --version >/dev/null
cache=${XDG_CACHE_HOME:-${HOME:+$HOME/.cache}}/lio
for _ in $(seq 180); do
  compgen -G "$cache/*.lock" >/dev/null || break
  sleep 1
done
# ./lio rebuilds itself when its sources are newer than the jar: an edit during the run would time two builds (and
# a build and an AOT training inside a timed round). The jar's stamp is compared at the end.
jar_stamp=$(stat -c %Y "$root/lio-cli/target/lio.jar")

cat >"$work/Hello.java" <<'JAVA'
public class Hello {
    public static void main(String[] args) {
        System.out.println("Hello, world!");
    }
}
JAVA
"$jdk/bin/javac" -d "$work" "$work/Hello.java"
"$jdk/bin/jar" --create --file "$work/hello.jar" --main-class Hello -C "$work" Hello.class
head -c 4096 /dev/urandom >"$work/small"

commands=(
  "hello-world (java -jar hello.jar)" "$jdk/bin/java -jar $work/hello.jar"
  "./lio stat FILE" "$lio stat $work/small"
  "./lio cat FILE" "$lio cat $work/small"
  "./lio hash FILE" "$lio hash $work/small"
  "./lio cp FILE COPY" "$lio cp $work/small $work/copy"
  "./lio stat -c %s FILE (options: picocli)" "$lio stat -c %s $work/small"
  "LIO_AOT=0 ./lio stat FILE (no AOT cache)" "LIO_AOT=0 $lio stat $work/small"
  "java -jar lio.jar stat FILE (no launcher)" "$jdk/bin/java -jar $root/lio-cli/target/lio.jar stat $work/small"
)
if [ -n "$baseline" ]; then
  for c in stat cat hash; do
    commands+=("baseline: java -jar $(basename "$(dirname "$(dirname "$(dirname "$baseline")")")")/…/lio.jar $c FILE"
               "$jdk/bin/java -jar $baseline $c $work/small")
  done
fi

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u +%Y-%m-%dT%H:%MZ)
mkdir -p "$root/bench-results"
table=$(GOALS_JSON="$root/bench-results/startup.json" python3 - "$rounds" "${commands[@]}" <<'PY'
import json, os, resource, statistics, subprocess, sys, time
rounds = int(sys.argv[1])
pairs = list(zip(sys.argv[2::2], sys.argv[3::2]))
wall = {label: [] for label, _ in pairs}
cpu = {label: [] for label, _ in pairs}
with open(os.devnull, "wb") as devnull:
    for r in range(rounds + 2):
        k = r % len(pairs)
        for label, command in pairs[k:] + pairs[:k]:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            done = subprocess.run(command, shell=True, stdout=devnull, stderr=subprocess.PIPE)
            elapsed = time.perf_counter() - t
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if done.returncode != 0:
                sys.exit(f"run-startup: {label} failed ({done.returncode}): {done.stderr.decode()[:400]}")
            if r >= 2:
                wall[label].append(elapsed * 1000)
                cpu[label].append((after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000)
floor = statistics.median(wall[pairs[0][0]])
floor_cpu = statistics.median(cpu[pairs[0][0]])
print("| command | wall ms, median | min | max | × hello-world (median wall) | CPU ms, median | × hello-world (CPU) |")
print("|:--|--:|--:|--:|--:|--:|--:|")
for label, _ in pairs:
    w, c = wall[label], cpu[label]
    print(f"| {label} | {statistics.median(w):.0f} | {min(w):.0f} | {max(w):.0f} | "
          f"{statistics.median(w) / floor:.2f}× | {statistics.median(c):.0f} | {statistics.median(c) / floor_cpu:.2f}× |")
# Issue 14's goal: each of stat, cat and hash of a small file within 3x the hello-world's median wall time.
goals = [{"goal": f"Start-up {label}: median wall time ÷ hello-world's", "ratio": statistics.median(wall[label]) / floor,
          "target": 3.0, "atMost": True}
         for label, _ in pairs if label in ("./lio stat FILE", "./lio cat FILE", "./lio hash FILE")]
with open(os.environ["GOALS_JSON"], "w") as f:
    json.dump({"benchmark": "start-up", "goals": goals}, f, indent=2)
PY
)
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
{
  echo "### Start-up — lio stat, cat and hash of a small file against a hello-world on the same JDK"
  echo
  echo "Date: $started; $(nproc) CPUs, kernel $(uname -r); JDK $("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p') ($jdk);"
  echo "load average at start ${load_start}, at end ${load_end} (1/5/15 min)."
  echo "Command: \`lio-bench/run-startup.sh --rounds $rounds${baseline:+ --baseline $baseline}\`"
  echo
  echo "Each row a new process per run, $rounds timed rounds after 2 untimed, all commands once per round in rotating"
  echo "order; FILE is 4 KiB of random bytes; stdout to /dev/null. Wall: from fork to exit, as the shell sees it."
  echo "CPU: user + system time of the process and its children (all JVM threads: JIT, GC), from getrusage."
  echo "\`./lio\` is the launcher as users run it (JDK lookup, then \`java -cp lio.jar io.liouring.cli.Lio\` with its AOT cache)."
  echo
  echo "$table"
  # What the numbers mean and what was done about them: written by hand, kept across runs.
  if [ -f "$root/lio-bench/results/STARTUP.md" ]; then
    echo
    cat "$root/lio-bench/results/STARTUP.md"
  fi
} | tee "$root/bench-results/startup.md"
if [ "$(stat -c %Y "$root/lio-cli/target/lio.jar")" != "$jar_stamp" ]; then
  echo "run-startup: lio was rebuilt during the run (its sources changed): these timings mix two builds; run it again" >&2
  exit 3
fi
