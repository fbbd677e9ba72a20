#!/usr/bin/env bash
# Benchmark P4, TCP echo over loopback: lio-uring's echo servers (lio-loop: multishot receive + async sends on the
# event loop thread; lio-vt: the README's virtual thread per connection) vs Netty 4.2.18 (io_uring and epoll
# transports) vs a plain NIO selector server. One C load client (src/main/c/echo_client.c, epoll, one request in
# flight per connection) drives them all. Each server runs in its own JVM pinned to one CPU, the client to another.
# Prints the table and writes bench-results/p4.json and bench-results/p4.md at the repository root.
#
# Usage: lio-bench/run-p4.sh [--quick] [--duration S] [--warmup S] [--rounds N] [--connections 1,100,500]
#                            [--sizes 64,4096] [--servers lio-loop,lio-vt,netty-io_uring,netty-epoll,nio]
#                            [--server-cpu CPUS] [--client-cpu CPUS] [--client-threads N] [--server-jvm-arg ARG]...
#   --servers     also nio2: P9's NIO.2 server on the JDK's provider (not in the default list)
#   --quick       1 round, 1 s warm-up + 2 s measured per cell, 2 s server warm-up per size (about 3 minutes in all)
#   --server-cpu, --client-cpu   taskset CPU lists (defaults 0 and 1); on a bigger machine give the client several
#                 CPUs and --client-threads so that it is not the bottleneck (its CPU % is in the table)
#   --perf false  do not count the server's system calls and context switches with perf stat (default: when perf is found)
#   (experiment: --server-jvm-arg -Dlio.echo.ring=single|coop|plain runs the lio-uring servers on another ring setup)
#   --server-warmup S  unmeasured load (100 connections) per message size when a server starts, for the JIT
#   --server-warmup-cpu S  repeat that load until the server has used S CPU-seconds (default 2): on a busy machine a
#                 server gets a small share of its CPU, and the JIT's compiler threads would otherwise still be working
#                 (and counted as the server's CPU) in the measured cells
# Defaults: 3 s server warm-up per size, then 2 s warm-up + 5 s measured per cell, 3 rounds: about 12 minutes.
set -euo pipefail

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$bench_dir/run-options.sh"
passed="--duration|--warmup|--rounds|--connections|--sizes|--servers|--server-cpu|--client-cpu|--client-threads"
passed+="|--server-warmup|--server-warmup-cpu|--perf|--server-jvm-arg"
parse_run_options "--rounds 1 --warmup 1 --duration 2 --server-warmup 2" "$passed" "$@"
jvm_option_defaults --server-jvm-arg -Xms1g -Xmx1g -XX:+AlwaysPreTouch --enable-native-access=ALL-UNNAMED \
    --sun-misc-unsafe-memory-access=allow -Dio.netty.leakDetection.level=disabled
defaults+=(--rounds 3 --warmup 2 --duration 5 --server-warmup 3 --server-warmup-cpu 2)

source "$bench_dir/p456-common.sh"

exec_echo_runner io.liouring.bench.echo.EchoRunner
