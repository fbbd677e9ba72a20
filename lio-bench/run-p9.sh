#!/usr/bin/env bash
# Benchmark P9, an unchanged NIO.2 echo server: the same AsynchronousServerSocketChannel echo server (java.nio only)
# on the JDK's AsynchronousChannelProvider and on lio-nio's (a server JVM per side; the lio side only adds
# -Djava.nio.channels.spi.AsynchronousChannelProvider=...), each pinned to one CPU, driven by P4's C load client
# (src/main/c/echo_client.c) pinned to another, at 1, 100 and 500 connections. Reports requests per server
# CPU-second, throughput and p99, each cell the median of the rounds with min and max, and which CPU was saturated
# (so that a client-bound cell shows). Writes bench-results/p9.json and bench-results/p9.md at the repository root.
# A provider class missing from the build is reported as not run.
#
# Usage: lio-bench/run-p9.sh [--quick] [--duration S] [--warmup S] [--rounds N] [--connections 1,100,500]
#                            [--sizes 64,4096] [--sides jdk,lio] [--lio-provider CLASS] [--group-threads N]
#                            [--server-cpu CPUS] [--client-cpu CPUS] [--client-threads N] [--server-warmup S]
#                            [--server-warmup-cpu S] [--perf true|false] [--server-jvm-arg ARG]...
#   --quick       64 B only, 1 s warm-up + 2 s measured per cell, 2 s server warm-up, 3 rounds (about 2 minutes)
#   --server-cpu, --client-cpu   taskset CPU lists (defaults 0 and 1)
#   --server-warmup-cpu S  repeat the server warm-up load until the server has used S CPU-seconds (default 3): on a
#                 busy machine a server gets a small share of its CPU, and the JIT's compiler threads would otherwise
#                 still be working in the measured cells (counted as the server's CPU, lio-nio's FFM code the most)
# Defaults: 64 and 4096 B, 3 s server warm-up per size, 2 s warm-up + 5 s measured per cell, 3 rounds (about 8 minutes).
set -euo pipefail

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$bench_dir/run-options.sh"
passed="--duration|--warmup|--rounds|--connections|--sizes|--sides|--lio-provider|--group-threads|--server-cpu"
passed+="|--client-cpu|--client-threads|--server-warmup|--server-warmup-cpu|--perf|--server-jvm-arg"
parse_run_options "--sizes 64 --warmup 1 --duration 2 --server-warmup 2" "$passed" "$@"
jvm_option_defaults --server-jvm-arg -Xms1g -Xmx1g -XX:+AlwaysPreTouch --enable-native-access=ALL-UNNAMED
defaults+=(--warmup 2 --duration 5 --server-warmup 3 --server-warmup-cpu 3)

source "$bench_dir/p456-common.sh"

exec_echo_runner io.liouring.bench.echo.P9Runner
