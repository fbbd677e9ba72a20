#!/usr/bin/env bash
# The data path of the lio tool against coreutils, net of start-up: `./lio cat F >/dev/null` vs `cat`, `./lio cp F D`
# vs `cp`, `./lio hash F` vs `sha256sum`, for a file of random bytes on the disk under the repository (not tmpfs),
# with the page cache warm and cold. Each side's start-up is taken off: every round times the same command on an
# empty file right before the run on F, and the net time of the round is (time on F) - (time on the empty file).
# Cold: first `sync; echo 1 > /proc/sys/vm/drop_caches` (root only; skipped otherwise), then the command once on the
# empty file, untimed, so that the tool's own files (JDK, jar, AOT cache; cat's binary) are back in the cache and
# only F is cold; then the two timed runs. Cold-file: F alone is evicted (`sync`, then
# `posix_fadvise(POSIX_FADV_DONTNEED)` of all of F, checked with `fincore`: no page of F left in the cache), and
# everything else stays cached: the JVM's files that a run on F touches but the untimed run on the empty file does
# not (classes of the copy path in the AOT cache, say) cannot be read from the disk inside the timed run. Rounds
# interleave the tools (rotating order, lio and coreutils alternating); the copy D is deleted and synced after each
# cp, outside the timing. Prints a Markdown table (median, min, max of the net wall time per side; ratio =
# coreutils / lio, > 1 favours lio; net CPU = user + system of the process and its threads) to stdout and to
# bench-results/datapath.md.
# `cat` is timed into three targets: /dev/null, a pipe (read by GNU cat on both sides, so that only the writer
# differs) and a regular file (D, which is deleted after each round as cp's copy is).
# Usage: lio-bench/run-datapath.sh [--quick] [--rounds N] [--size-mib N] [--modes warm,cold,cold-file]
#                                   [--tasks cat,cp,hash]
#   --quick        3 rounds (run-all.sh's short run); without it 5
#   --size-mib N   the file's size (default 300)
#   --tasks LIST   the commands to time (default cat,cp,hash; cat stands for its three targets)
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
rounds=5
size_mib=300
modes=warm,cold
tasks=cat,cp,hash
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) rounds=3; shift ;;
    --rounds) rounds=$2; shift 2 ;;
    --size-mib) size_mib=$2; shift 2 ;;
    --modes) modes=$2; shift 2 ;;
    --tasks) tasks=$2; shift 2 ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    *) echo "run-datapath: unknown option $1" >&2; exit 2 ;;
  esac
done
lio="$root/lio"
data="$root/bench-results/datapath-data"
mkdir -p "$data"
file="$data/random-${size_mib}m.bin"
empty="$data/empty"
if [ ! -f "$file" ] || [ "$(stat -c %s "$file")" -ne $((size_mib << 20)) ]; then
  head -c $((size_mib << 20)) /dev/urandom >"$file.tmp" && mv "$file.tmp" "$file"
fi
: >"$empty"
"$lio" --version >/dev/null # builds the tool if needed
# Let ./lio's background training of the AOT cache (JDK 24+) finish, so the runs use the cache as users' later runs do.
cache=${XDG_CACHE_HOME:-${HOME:+$HOME/.cache}}/lio
for _ in $(seq 180); do
  compgen -G "$cache/*.lock" >/dev/null || break
  sleep 1
done
# ./lio rebuilds itself when its sources are newer than the jar: an edit during the run would time two builds (and
# a build and an AOT training inside a timed round). The jar's stamp is compared at the end.
jar_stamp=$(stat -c %Y "$root/lio-cli/target/lio.jar")
can_drop=false
if [ -w /proc/sys/vm/drop_caches ]; then can_drop=true; fi

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u +%Y-%m-%dT%H:%MZ)
mkdir -p "$root/bench-results"
table=$(GOALS_JSON="$root/bench-results/datapath.json" python3 - "$rounds" "$modes" "$can_drop" "$lio" "$file" "$empty" "$data/copy" "$tasks" <<'PY'
import json, os, resource, statistics, subprocess, sys, time
rounds, modes, can_drop, lio, big, empty, copy, chosen = sys.argv[1:]
rounds = int(rounds)
modes = [m for m in modes.split(",") if m]
if set(modes) - {"warm", "cold", "cold-file"}:
    sys.exit(f"run-datapath: unknown mode(s) {', '.join(sorted(set(modes) - {'warm', 'cold', 'cold-file'}))}; "
             "known: warm, cold, cold-file")
can_drop = can_drop == "true"
# (task, coreutils command, lio command); {F}: the input, {D}: the copy
tasks = [
    ("cat", "cat F >/dev/null", "cat {F}", lio + " cat {F}"),
    ("cat", "cat F piped to cat >/dev/null", "cat {F} | cat", lio + " cat {F} | cat"),
    ("cat", "cat F >D", "cat {F} >{D}", lio + " cat {F} >{D}"),
    ("cp", "cp F D", "cp {F} {D}", lio + " cp {F} {D}"),
    ("hash", "hash F (sha256sum)", "sha256sum {F}", lio + " hash {F}"),
]
unknown = set(chosen.split(",")) - {t[0] for t in tasks}
if unknown:
    sys.exit(f"run-datapath: unknown task(s) {', '.join(sorted(unknown))}; known: cat, cp, hash")
tasks = [t[1:] for t in tasks if t[0] in chosen.split(",")]

def run(command, f):
    line = command.format(F=f, D=copy)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    with open(os.devnull, "wb") as devnull:
        done = subprocess.run(line, shell=True, stdout=devnull, stderr=subprocess.PIPE)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"run-datapath: {line} failed ({done.returncode}): {done.stderr.decode()[:400]}")
    if os.path.exists(copy):
        os.remove(copy)
        os.sync()
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime

def evict(path):
    """Takes path's pages out of the page cache, and checks that none is left."""
    os.sync()
    fd = os.open(path, os.O_RDONLY)
    try:
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)
    resident = subprocess.run(["fincore", "--bytes", "--noheadings", "--output", "RES", path],
                              capture_output=True, text=True, check=True).stdout.strip()
    if resident != "0":
        sys.exit(f"run-datapath: {resident} bytes of {path} still cached after POSIX_FADV_DONTNEED")

def drop_caches():
    os.sync()
    with open("/proc/sys/vm/drop_caches", "w") as f:
        f.write("1\n")

net = {}
for mode in modes:
    if mode == "cold" and not can_drop:
        print(f"run-datapath: cold skipped (cannot write /proc/sys/vm/drop_caches)", file=sys.stderr)
        continue
    if mode == "warm":
        run("cat {F}", big)
    for r in range(rounds):
        k = r % len(tasks)
        for task, gnu, ours in tasks[k:] + tasks[:k]:
            sides = [("coreutils", gnu), ("lio", ours)]
            if r % 2:
                sides.reverse()
            for side, command in sides:
                if mode == "cold":
                    drop_caches()
                    run(command, empty)  # the tool's own files back in the cache; only F is cold
                elif mode == "cold-file":
                    evict(big)
                # start-up timed in the state the run on F starts from: after the other side's cache drop, a
                # start-up timed before this side's own drop and re-read found the JVM's files partly evicted
                w0, c0 = run(command, empty)
                if mode == "cold-file":
                    evict(big)  # the empty run never reads F; evicted again so that nothing of it came back since
                w1, c1 = run(command, big)
                net.setdefault((mode, task, side), []).append((w1 - w0, c1 - c0, w0))

def fmt(xs):
    return f"{statistics.median(xs) * 1000:.0f} ({min(xs) * 1000:.0f}–{max(xs) * 1000:.0f})"

print("| mode | task | coreutils net wall ms, median (min–max) | lio net wall ms | ratio wall (coreutils / lio) "
      "| coreutils net CPU ms | lio net CPU ms | ratio CPU | start-up wall ms (coreutils / lio) |")
print("|:--|:--|--:|--:|--:|--:|--:|--:|--:|")
goals = []
for mode in modes:
    for task, _, _ in tasks:
        g = net.get((mode, task, "coreutils"))
        o = net.get((mode, task, "lio"))
        if not g or not o:
            continue
        gw, ow = [x[0] for x in g], [x[0] for x in o]
        gc, oc = [x[1] for x in g], [x[1] for x in o]
        rw = statistics.median(gw) / statistics.median(ow) if statistics.median(ow) > 0 else float("inf")
        rc = statistics.median(gc) / statistics.median(oc) if statistics.median(oc) > 0 else float("inf")
        print(f"| {mode} | {task} | {fmt(gw)} | {fmt(ow)} | {rw:.2f}× | {fmt(gc)} | {fmt(oc)} | {rc:.2f}× | "
              f"{statistics.median([x[2] for x in g]) * 1000:.0f} / {statistics.median([x[2] for x in o]) * 1000:.0f} |")
        # Issue 14's goal: net of start-up, lio at least as fast as coreutils (wall), warm and cold.
        goals.append({"goal": f"Data path {mode} {task}: net wall time coreutils ÷ lio", "ratio": rw, "target": 1.0})
with open(os.environ["GOALS_JSON"], "w") as f:
    json.dump({"benchmark": "data path", "goals": goals}, f, indent=2)
PY
)
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
{
  echo "### Data path — lio cat, cp and hash against cat, cp and sha256sum, net of start-up"
  echo
  echo "Date: $started; $(nproc) CPUs, kernel $(uname -r); file system of the data: $(findmnt -no FSTYPE -T "$data" 2>/dev/null || stat -f -c %T "$data");"
  echo "load average at start ${load_start}, at end ${load_end} (1/5/15 min)."
  echo "Command: \`lio-bench/run-datapath.sh --rounds $rounds --size-mib $size_mib --modes $modes --tasks $tasks\`"
  echo
  echo "F: $size_mib MiB of random bytes; each cell the median (min–max) over $rounds rounds of (time on F) − (time"
  echo "on an empty file, timed right before it) for the same command in the same round: the data path without"
  echo "start-up. Cold: page cache dropped before both timed runs, the tool's own files re-read first. Cold-file: F"
  echo "alone evicted (POSIX_FADV_DONTNEED, none of it left in the cache), all else cached. CPU: user +"
  echo "system of the process and its threads (getrusage). Ratios > 1 favour lio. Coreutils: $(cp --version | head -1)."
  echo
  echo "$table"
} | tee "$root/bench-results/datapath.md"
if [ "$(stat -c %Y "$root/lio-cli/target/lio.jar")" != "$jar_stamp" ]; then
  echo "run-datapath: lio was rebuilt during the run (its sources changed): these timings mix two builds; run it again" >&2
  exit 3
fi
