#!/usr/bin/env bash
# Benchmark P5, virtual threads: 10 000 virtual threads doing 4 KiB random reads, through lio-uring's blocking
# AsyncFile.read (one EventLoop per CPU unless --loops says otherwise) vs through FileChannel (a blocked read holds its carrier). Reports reads/s, latency,
# CPU per read and the peak number of OS threads, each the median of the rounds with min and max; each side runs in
# its own JVM, the sides interleaved round by round. Three variants (targets):
#   disk    O_DIRECT reads of a 1 GiB file on the project's disk (bench-results/p5-random-1g.bin, created if missing)
#   cached  buffered reads of the same file, read whole into the page cache first (checked with fincore)
#   device  O_DIRECT reads of a block device that is not the limit: null_blk if the kernel has it, else a loop
#           device over a file on tmpfs (direct I/O to its backing file if the loop driver allows it), else the
#           tmpfs file itself with O_DIRECT. Each refused candidate is reported with the reason; needs root for
#           the loop device. The loop device and its tmpfs file are removed on exit. lio-uring's loops together are
#           bounded to the device's queue depth (nr_requests) unless --max-requests (per loop) says otherwise.
# Writes bench-results/p5.{json,md} (disk), p5-cached.{json,md} and p5-device.{json,md} at the repository root.
#
# Usage: lio-bench/run-p5.sh [--quick] [--variants LIST] [--duration S] [--warmup S] [--rounds N] [--threads N]
#                            [--loops N] [--entries N] [--file PATH] [--size-mib N] [--device-mib N] [--fio PATH|none]
#                            [--max-requests N] [--fio-jobs N] [--fio-depth N] [--child-jvm-arg ARG]...
#   --quick       3 s warm-up + 3 s measured per side
#   --variants    a subset of disk,cached,device (default: all three)
#   --loops N     lio-uring's event loops, each virtual thread reading through one (default: one per CPU, nproc)
#   --entries N   each EventLoop's ring size (default: EventLoop's default, 256)
#   --max-requests N  each EventLoop's bound on outstanding requests (default: EventLoop's, 65536; device: see above)
#   --file PATH   the data file of disk and cached (must be on a real disk, not tmpfs; default bench-results/p5-random-1g.bin)
#   --device-mib  the size of the tmpfs file behind the device variant (default 1024)
#   --fio-depth N, --fio-jobs N  the reference run with fio's io_uring engine: jobs (default: one per CPU), each at
#                 this queue depth (default 128); --fio none skips it
# Defaults: 3 s warm-up + 5 s measured per side and for fio, 3 rounds (about 3 minutes a variant once the file exists).
set -euo pipefail

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$bench_dir/run-options.sh"
parse_run_options "--warmup 3 --duration 3" \
    "--variants|--device-mib|--duration|--warmup|--rounds|--threads|--loops|--entries|--max-requests|--file|--size-mib|--fio|--fio-jobs|--fio-depth|--child-jvm-arg" \
    "$@"
jvm_option_defaults --child-jvm-arg --enable-native-access=ALL-UNNAMED -Xms512m -Xmx512m

# --variants and --device-mib are this script's; the rest go to the runner.
variants=disk,cached,device
device_mib=1024
size_mib=1024
file_arg=()
runner_args=(--rounds 3 --duration 5 --loops "$(nproc)")
for (( i = 0; i < ${#args[@]}; i += 2 )); do
    case ${args[i]} in
        --variants) variants=${args[i + 1]} ;;
        --device-mib) device_mib=${args[i + 1]} ;;
        --file) file_arg=("${args[i + 1]}") ;;
        --size-mib) size_mib=${args[i + 1]} ;;
        *) runner_args+=("${args[i]}" "${args[i + 1]}") ;;
    esac
done
for v in ${variants//,/ }; do
    [[ $v == disk || $v == cached || $v == device ]] || { echo "run-p5.sh: unknown variant $v (disk, cached, device)" >&2; exit 2; }
done

source "$bench_dir/p456-common.sh"

if [[ " ${args[*]} " != *" --fio none "* ]] && ! command -v fio >/dev/null 2>&1; then
    echo "run-p5.sh: installing fio" >&2
    apt-get install -y fio >&2 || echo "run-p5.sh: fio not installed; the reference is left out" >&2
fi

cd "$root"
data_file=$results/p5-random-1g.bin
(( ${#file_arg[@]} )) && data_file=${file_arg[0]}
if [[ $variants == *disk* || $variants == *cached* ]] && \
        [[ ! -f $data_file || $(stat -c %s "$data_file") -ne $((size_mib << 20)) ]]; then
    echo "run-p5.sh: creating $data_file ($size_mib MiB of random bytes)" >&2
    head -c "$((size_mib << 20))" /dev/urandom > "$data_file.tmp"
    sync "$data_file.tmp"
    mv "$data_file.tmp" "$data_file"
fi
runner() {
    "$java" -cp "$classpath" io.liouring.bench.vthreads.P5Runner --java "$java" --classpath "$classpath" \
        --out "$results" --command "$command" "${defaults[@]}" "${runner_args[@]}" "$@"
}

# ---------------------------------------------------------------------------------------------- device preparation
shm_file=
loop_dev=
cleanup() {
    [[ -n $loop_dev ]] && losetup -d "$loop_dev" 2>/dev/null || true
    [[ -n $shm_file ]] && rm -f "$shm_file" || true
}
trap cleanup EXIT

refused=()
device=
device_label=

try_null_blk() {
    if [[ -b /dev/nullb0 ]]; then
        device=/dev/nullb0 device_label="null_blk (/dev/nullb0, already there)"
        return
    fi
    if [[ ! -e /proc/modules ]]; then
        local config=
        [[ -r /proc/config.gz ]] && config=$(zcat /proc/config.gz | grep -E '^(# )?CONFIG_BLK_DEV_NULL_BLK[ =]' || true)
        refused+=("null_blk: the kernel has no loadable modules (no /proc/modules) and no null_blk built in${config:+ ($config)}")
        return
    fi
    if ! command -v modprobe >/dev/null 2>&1; then
        apt-get install -y kmod >&2 || true
    fi
    local out
    if out=$(modprobe null_blk nr_devices=1 queue_mode=2 2>&1) && [[ -b /dev/nullb0 ]]; then
        device=/dev/nullb0 device_label="null_blk (/dev/nullb0, blk-mq, no memory backing)"
    else
        refused+=("null_blk: modprobe null_blk refused: ${out:-no /dev/nullb0 appeared}")
    fi
}

make_shm_file() {
    if [[ $(stat -f -c %T /dev/shm 2>/dev/null) != tmpfs ]]; then
        refused+=("tmpfs: /dev/shm is not a tmpfs")
        return 1
    fi
    local avail_mib
    avail_mib=$(awk '/^MemAvailable:/ { print int($2 / 1024) }' /proc/meminfo)
    if (( avail_mib < 2 * device_mib + 1024 )); then
        refused+=("tmpfs: only $avail_mib MiB available, $device_mib MiB file wanted")
        return 1
    fi
    shm_file=/dev/shm/lio-p5-device-$$.bin
    echo "run-p5.sh: creating $shm_file ($device_mib MiB of random bytes)" >&2
    head -c "$((device_mib << 20))" /dev/urandom > "$shm_file"
}

try_loop() {
    if (( $(id -u) != 0 )); then
        refused+=("loop device: needs root for losetup")
        return
    fi
    if ! command -v losetup >/dev/null 2>&1; then
        apt-get install -y mount >&2 || true
    fi
    if ! command -v losetup >/dev/null 2>&1; then
        refused+=("loop device: losetup missing and could not be installed")
        return
    fi
    local out
    if out=$(losetup --find --show --direct-io=on "$shm_file" 2>&1); then
        loop_dev=$out
    elif out=$(losetup --find --show "$shm_file" 2>&1); then
        loop_dev=$out
    else
        refused+=("loop device: losetup refused: $out")
        return
    fi
    local dio
    dio=$(cat "/sys/block/$(basename "$loop_dev")/loop/dio" 2>/dev/null || echo "?")
    device=$loop_dev
    device_label="loop device $loop_dev over a file on tmpfs (loop direct I/O $([[ $dio == 1 ]] && echo on || echo off), queue depth $(cat "/sys/block/$(basename "$loop_dev")/queue/nr_requests"))"
}

try_tmpfs_direct() {
    if dd if="$shm_file" of=/dev/null bs=4k count=1 iflag=direct status=none 2>/dev/null; then
        device=$shm_file device_label="file on tmpfs opened with O_DIRECT"
    else
        refused+=("tmpfs O_DIRECT: this kernel's tmpfs refuses O_DIRECT")
    fi
}

prepare_device() {
    try_null_blk
    [[ -n $device ]] && return
    make_shm_file || return 0
    try_loop
    [[ -n $device ]] && return
    try_tmpfs_direct
}

# ---------------------------------------------------------------------------------------------- the variants
for v in ${variants//,/ }; do
    case $v in
        disk)
            runner --variant disk --name p5 --file "$data_file" --size-mib "$size_mib"
            ;;
        cached)
            # Read the file whole so that every page is cached before the rounds.
            cat "$data_file" > /dev/null
            cached=$(fincore --bytes --noheadings --output RES,SIZE "$data_file" 2>/dev/null | awk '{ printf "%d of %d MiB", $1 / 1048576, $2 / 1048576 }')
            echo "run-p5.sh: page cache holds ${cached:-an unknown part} of $data_file" >&2
            runner --variant cached --name p5-cached --file "$data_file" --size-mib "$size_mib" --direct false \
                --target "$(df --output=fstype "$data_file" | tail -1) file, in the page cache (fincore before the rounds: ${cached:-unknown})"
            ;;
        device)
            prepare_device
            for r in "${refused[@]}"; do
                echo "run-p5.sh: device candidate refused: $r" >&2
            done
            if [[ -z $device ]]; then
                echo "run-p5.sh: device variant skipped: no candidate worked" >&2
                continue
            fi
            reasons=$(printf '%s; ' "${refused[@]}")
            reasons=${reasons%; }
            # More requests in flight than the device has tags only sends the surplus to io-wq workers (a
            # nowait submission finds no tag): bound the loop's outstanding requests to the queue depth.
            bound=()
            depth_file=/sys/class/block/$(basename "$(realpath "$device")")/queue/nr_requests
            if [[ " ${args[*]} " != *" --max-requests "* && -r $depth_file ]]; then
                loops=$(nproc)
                for (( i = 0; i < ${#runner_args[@]}; i += 2 )); do
                    [[ ${runner_args[i]} == --loops ]] && loops=${runner_args[i + 1]}
                done
                bound=(--max-requests "$(( ($(cat "$depth_file") + loops - 1) / loops ))")
            fi
            runner --variant device --name p5-device --file "$device" "${bound[@]}" \
                --target "$device_label${reasons:+; not used: $reasons}"
            ;;
    esac
done
