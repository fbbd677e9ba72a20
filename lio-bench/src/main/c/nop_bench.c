/*
 * P1 baseline: NOP throughput of liburing, the same loop shape as io.liouring.bench.NopBenchmark.
 *
 * One batch = push N NOPs (user_data = index), io_uring_submit_and_wait(N) (on every ring: the loop users
 * write), reap the N completions with io_uring_for_each_cqe and advance the CQ once. The ring has 128 entries
 * for every batch size, as the Java benchmark's (NopBenchmark, JMH) and the Java plain loop's (NopLoop).
 *
 * Usage: nop_bench [--warmup N] [--iterations N] [--time-ms MS] SETUP:BATCH...
 *        nop_bench --latency OPS [--warmup-ops N] SETUP...
 *   SETUP is "default" or "defer_taskrun" (SINGLE_ISSUER|DEFER_TASKRUN).
 *
 * Output, one line per measured iteration and one per configuration, space-separated key=value:
 *   iteration impl=c setup=default batch=32 index=0 ops_per_sec=12345678.9 cpu_ns_per_op=81.2
 *   result impl=c setup=default batch=32 iterations=5 ops_per_sec=12345678.9 cpu_ns_per_op=81.2
 * ops_per_sec counts NOPs (not batches) per wall-clock second; cpu_ns_per_op is this thread's CPU time
 * (user + system) per NOP, which does not grow when other processes take the CPU away.
 *
 * Latency mode (--latency OPS): per setup, --warmup-ops unrecorded round trips, then OPS recorded ones. One
 * round trip = push one NOP, io_uring_submit_and_wait(1), reap it; it is timed with CLOCK_MONOTONIC around
 * the three steps and its nanoseconds kept in an array, which is sorted at the end. Output per setup: one
 * summary line, then the sorted samples as "value count" pairs (one line per distinct value), so a reader can
 * rebuild the exact distribution (io.liouring.bench.NopLatencyRunner loads them into an HdrHistogram):
 *   latency impl=c setup=default ops=1000000 p50_ns=301 p99_ns=420 max_ns=81234
 *   v 298 1234
 *   end
 * Percentiles in the summary line are nearest-rank over the sorted array.
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

/*
 * One batch: push, submit (waiting for wait_nr completions when wait_nr > 0), reap. Returns the sum of
 * user_data + res (all NOPs complete with 0).
 */
static uint64_t run_batch(struct io_uring *ring, unsigned batch, unsigned wait_nr)
{
	for (unsigned i = 0; i < batch; i++) {
		struct io_uring_sqe *sqe = io_uring_get_sqe(ring);
		if (!sqe)
			die("io_uring_get_sqe", EBUSY);
		io_uring_prep_nop(sqe);
		io_uring_sqe_set_data64(sqe, i);
	}
	int r = wait_nr ? io_uring_submit_and_wait(ring, wait_nr) : io_uring_submit(ring);
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
static struct measured run_iteration(struct io_uring *ring, unsigned batch, uint64_t time_ns)
{
	unsigned per_check = batch >= 64 ? 1 : 64 / batch;
	uint64_t ops = 0, sum = 0;
	uint64_t cpu_start = clock_ns(CLOCK_THREAD_CPUTIME_ID);
	uint64_t start = clock_ns(CLOCK_MONOTONIC), end;
	do {
		for (unsigned k = 0; k < per_check; k++)
			sum += run_batch(ring, batch, batch);
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

/* Sets up a ring of RING_ENTRIES for SETUP. */
static void open_ring(const char *setup, struct io_uring *ring)
{
	struct io_uring_params p;
	memset(&p, 0, sizeof(p));
	if (strcmp(setup, "default") == 0) {
		/* no flags */
	} else if (strcmp(setup, "defer_taskrun") == 0) {
		p.flags = IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN;
	} else {
		fprintf(stderr, "nop_bench: unknown setup '%s' (default, defer_taskrun)\n", setup);
		exit(2);
	}
	int r = io_uring_queue_init_params(RING_ENTRIES, ring, &p);
	if (r < 0)
		die("io_uring_queue_init_params", -r);
}

static void run_config(const char *setup, unsigned batch, int warmup, int iterations, uint64_t time_ns)
{
	if (batch == 0 || batch > RING_ENTRIES) {
		fprintf(stderr, "nop_bench: batch must be between 1 and %d: %u\n", RING_ENTRIES, batch);
		exit(2);
	}
	struct io_uring ring;
	open_ring(setup, &ring);

	for (int i = 0; i < warmup; i++)
		run_iteration(&ring, batch, time_ns);
	double total = 0, total_cpu = 0;
	for (int i = 0; i < iterations; i++) {
		struct measured m = run_iteration(&ring, batch, time_ns);
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

static int compare_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* Nearest-rank percentile of a sorted array of n > 0 values. */
static uint64_t percentile(const uint64_t *sorted, uint64_t n, double pct)
{
	uint64_t rank = (uint64_t)((pct / 100.0) * (double)n + 0.999999);
	return sorted[rank == 0 ? 0 : (rank > n ? n - 1 : rank - 1)];
}

/* Latency mode: warmup_ops unrecorded round trips, then ops recorded ones (see the header comment). */
static void run_latency(const char *setup, int warmup_ops, int ops)
{
	struct io_uring ring;
	open_ring(setup, &ring);
	uint64_t *ns = malloc((size_t)ops * sizeof(*ns));
	if (!ns)
		die("malloc", ENOMEM);
	uint64_t sum = 0;
	for (int i = 0; i < warmup_ops; i++)
		sum += run_batch(&ring, 1, 1);
	for (int i = 0; i < ops; i++) {
		uint64_t start = clock_ns(CLOCK_MONOTONIC);
		sum += run_batch(&ring, 1, 1);
		ns[i] = clock_ns(CLOCK_MONOTONIC) - start;
	}
	sink += sum;
	io_uring_queue_exit(&ring);
	qsort(ns, (size_t)ops, sizeof(*ns), compare_u64);
	printf("latency impl=c setup=%s ops=%d p50_ns=%" PRIu64 " p99_ns=%" PRIu64 " p9999_ns=%" PRIu64
	       " max_ns=%" PRIu64 "\n", setup, ops, percentile(ns, ops, 50), percentile(ns, ops, 99),
	       percentile(ns, ops, 99.99), ns[ops - 1]);
	for (int i = 0; i < ops;) {
		int j = i;
		while (j < ops && ns[j] == ns[i])
			j++;
		printf("v %" PRIu64 " %d\n", ns[i], j - i);
		i = j;
	}
	printf("end\n");
	fflush(stdout);
	free(ns);
}

static int int_arg(int argc, char **argv, int *i)
{
	if (*i + 1 >= argc) {
		fprintf(stderr, "nop_bench: %s needs a value\n", argv[*i]);
		exit(2);
	}
	char *end;
	long v = strtol(argv[++*i], &end, 10);
	if (*end != '\0' || v < 0 || v > 100000000) {
		fprintf(stderr, "nop_bench: bad value for %s: %s\n", argv[*i - 1], argv[*i]);
		exit(2);
	}
	return (int)v;
}

int main(int argc, char **argv)
{
	int warmup = 5, iterations = 5, time_ms = 1000, configs = 0, latency_ops = 0, warmup_ops = 100000;
	char setups[argc][32];
	unsigned batches[argc];
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--warmup") == 0) {
			warmup = int_arg(argc, argv, &i);
		} else if (strcmp(argv[i], "--iterations") == 0) {
			iterations = int_arg(argc, argv, &i);
		} else if (strcmp(argv[i], "--time-ms") == 0) {
			time_ms = int_arg(argc, argv, &i);
		} else if (strcmp(argv[i], "--latency") == 0) {
			latency_ops = int_arg(argc, argv, &i);
		} else if (strcmp(argv[i], "--warmup-ops") == 0) {
			warmup_ops = int_arg(argc, argv, &i);
		} else if (latency_ops > 0 && sscanf(argv[i], "%31[a-z_]", setups[configs]) == 1
			   && strlen(setups[configs]) == strlen(argv[i])) {
			configs++;
		} else if (latency_ops == 0 && sscanf(argv[i], "%31[a-z_]:%u", setups[configs], &batches[configs]) == 2) {
			configs++;
		} else {
			configs = 0;
			break;
		}
	}
	if (configs == 0) {
		fprintf(stderr, "usage: nop_bench [--warmup N] [--iterations N] [--time-ms MS] SETUP:BATCH...\n"
				"       nop_bench --latency OPS [--warmup-ops N] SETUP...\n");
		return 2;
	}
	for (int c = 0; c < configs; c++) {
		if (latency_ops > 0)
			run_latency(setups[c], warmup_ops, latency_ops);
		else
			run_config(setups[c], batches[c], warmup, iterations, (uint64_t)time_ms * 1000000u);
	}
	return 0;
}
