/*
 * P1 baseline: NOP throughput of liburing, the same loop shape as io.liouring.bench.NopBenchmark.
 *
 * One batch = push N NOPs (user_data = index), submit (default ring: io_uring_submit; DEFER_TASKRUN
 * ring: io_uring_submit_and_wait(N)), reap the N completions with io_uring_for_each_cqe and advance
 * the CQ once. The ring has 128 entries for every batch size, as the Java benchmark's.
 *
 * Usage: nop_bench [--warmup N] [--iterations N] [--time-ms MS] SETUP:BATCH...
 *   SETUP is "default" or "defer_taskrun" (SINGLE_ISSUER|DEFER_TASKRUN).
 *
 * Output, one line per measured iteration and one per configuration, space-separated key=value:
 *   iteration impl=c setup=default batch=32 index=0 ops_per_sec=12345678.9 cpu_ns_per_op=81.2
 *   result impl=c setup=default batch=32 iterations=5 ops_per_sec=12345678.9 cpu_ns_per_op=81.2
 * ops_per_sec counts NOPs (not batches) per wall-clock second; cpu_ns_per_op is this thread's CPU time
 * (user + system) per NOP, which does not grow when other processes take the CPU away.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <liburing.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RING_ENTRIES 128

/* Written after every iteration so the compiler cannot drop the reaping. */
static volatile uint64_t sink;

static uint64_t clock_ns(clockid_t clock)
{
	struct timespec ts;
	clock_gettime(clock, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

struct measured {
	double ops_per_sec;
	double cpu_ns_per_op;
};

static void die(const char *what, int err)
{
	fprintf(stderr, "nop_bench: %s: %s\n", what, strerror(err));
	exit(1);
}

/* One batch: push, submit, reap. Returns the sum of user_data + res (all NOPs complete with 0). */
static uint64_t run_batch(struct io_uring *ring, unsigned batch, int defer)
{
	for (unsigned i = 0; i < batch; i++) {
		struct io_uring_sqe *sqe = io_uring_get_sqe(ring);
		if (!sqe)
			die("io_uring_get_sqe", EBUSY);
		io_uring_prep_nop(sqe);
		io_uring_sqe_set_data64(sqe, i);
	}
	int r = defer ? io_uring_submit_and_wait(ring, batch) : io_uring_submit(ring);
	if (r < 0)
		die("submit", -r);
	struct io_uring_cqe *cqe;
	unsigned head, seen = 0;
	uint64_t sum = 0;
	io_uring_for_each_cqe(ring, head, cqe) {
		sum += cqe->user_data + (uint64_t)(int64_t)cqe->res;
		seen++;
	}
	io_uring_cq_advance(ring, seen);
	if (seen != batch) {
		fprintf(stderr, "nop_bench: reaped %u completions, expected %u\n", seen, batch);
		exit(1);
	}
	return sum;
}

/* Runs batches for about time_ns of wall-clock time (the clock is read every few batches). */
static struct measured run_iteration(struct io_uring *ring, unsigned batch, int defer, uint64_t time_ns)
{
	unsigned per_check = batch >= 64 ? 1 : 64 / batch;
	uint64_t ops = 0, sum = 0;
	uint64_t cpu_start = clock_ns(CLOCK_THREAD_CPUTIME_ID);
	uint64_t start = clock_ns(CLOCK_MONOTONIC), end;
	do {
		for (unsigned k = 0; k < per_check; k++)
			sum += run_batch(ring, batch, defer);
		ops += (uint64_t)per_check * batch;
		end = clock_ns(CLOCK_MONOTONIC);
	} while (end - start < time_ns);
	uint64_t cpu_end = clock_ns(CLOCK_THREAD_CPUTIME_ID);
	sink += sum;
	struct measured m = {
		.ops_per_sec = (double)ops * 1e9 / (double)(end - start),
		.cpu_ns_per_op = (double)(cpu_end - cpu_start) / (double)ops,
	};
	return m;
}

static void run_config(const char *setup, unsigned batch, int warmup, int iterations, uint64_t time_ns)
{
	int defer;
	struct io_uring_params p;
	memset(&p, 0, sizeof(p));
	if (strcmp(setup, "default") == 0) {
		defer = 0;
	} else if (strcmp(setup, "defer_taskrun") == 0) {
		defer = 1;
		p.flags = IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN;
	} else {
		fprintf(stderr, "nop_bench: unknown setup '%s' (default, defer_taskrun)\n", setup);
		exit(2);
	}
	if (batch == 0 || batch > RING_ENTRIES) {
		fprintf(stderr, "nop_bench: batch must be between 1 and %d: %u\n", RING_ENTRIES, batch);
		exit(2);
	}
	struct io_uring ring;
	int r = io_uring_queue_init_params(RING_ENTRIES, &ring, &p);
	if (r < 0)
		die("io_uring_queue_init_params", -r);

	for (int i = 0; i < warmup; i++)
		run_iteration(&ring, batch, defer, time_ns);
	double total = 0, total_cpu = 0;
	for (int i = 0; i < iterations; i++) {
		struct measured m = run_iteration(&ring, batch, defer, time_ns);
		total += m.ops_per_sec;
		total_cpu += m.cpu_ns_per_op;
		printf("iteration impl=c setup=%s batch=%u index=%d ops_per_sec=%.1f cpu_ns_per_op=%.3f\n", setup, batch,
		       i, m.ops_per_sec, m.cpu_ns_per_op);
		fflush(stdout);
	}
	printf("result impl=c setup=%s batch=%u iterations=%d ops_per_sec=%.1f cpu_ns_per_op=%.3f\n", setup, batch,
	       iterations, iterations > 0 ? total / iterations : 0.0, iterations > 0 ? total_cpu / iterations : 0.0);
	fflush(stdout);
	io_uring_queue_exit(&ring);
}

static int int_arg(int argc, char **argv, int *i)
{
	if (*i + 1 >= argc) {
		fprintf(stderr, "nop_bench: %s needs a value\n", argv[*i]);
		exit(2);
	}
	char *end;
	long v = strtol(argv[++*i], &end, 10);
	if (*end != '\0' || v < 0 || v > 1000000) {
		fprintf(stderr, "nop_bench: bad value for %s: %s\n", argv[*i - 1], argv[*i]);
		exit(2);
	}
	return (int)v;
}

int main(int argc, char **argv)
{
	int warmup = 5, iterations = 5, time_ms = 1000, configs = 0;
	char setups[argc][32];
	unsigned batches[argc];
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--warmup") == 0) {
			warmup = int_arg(argc, argv, &i);
		} else if (strcmp(argv[i], "--iterations") == 0) {
			iterations = int_arg(argc, argv, &i);
		} else if (strcmp(argv[i], "--time-ms") == 0) {
			time_ms = int_arg(argc, argv, &i);
		} else if (sscanf(argv[i], "%31[a-z_]:%u", setups[configs], &batches[configs]) == 2) {
			configs++;
		} else {
			configs = 0;
			break;
		}
	}
	if (configs == 0) {
		fprintf(stderr, "usage: nop_bench [--warmup N] [--iterations N] [--time-ms MS] SETUP:BATCH...\n");
		return 2;
	}
	for (int c = 0; c < configs; c++)
		run_config(setups[c], batches[c], warmup, iterations, (uint64_t)time_ms * 1000000u);
	return 0;
}
