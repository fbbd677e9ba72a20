/*
 * The C counterpart of io.liouring.bench.HotPathCostBenchmark: nanoseconds liburing spends in user space to
 * push one NOP (io_uring_get_sqe + io_uring_prep_nop + set user_data) and to reap one completion
 * (io_uring_for_each_cqe + io_uring_cq_advance), 1000 at a time on a 1024-entry ring, the system call left out
 * of the timing.
 *
 * Usage: hot_path_cost [ROUNDS]   (default 20000; the median round of the second half is reported, as
 *        the Java benchmark's p0.50)
 * Output: result impl=c push_ns_per_op=1.25 reap_ns_per_op=0.75
 */
#include <liburing.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define N 1000
#define RING_ENTRIES 1024

static int compare_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 20000;
	if (rounds < 2) {
		fprintf(stderr, "usage: hot_path_cost [ROUNDS >= 2]\n");
		return 2;
	}
	struct io_uring ring;
	int r = io_uring_queue_init(RING_ENTRIES, &ring, 0);
	if (r < 0) {
		fprintf(stderr, "hot_path_cost: io_uring_queue_init: %s\n", strerror(-r));
		return 1;
	}
	int measured = rounds - rounds / 2;
	uint64_t *push = calloc(measured, sizeof(uint64_t));
	uint64_t *reap = calloc(measured, sizeof(uint64_t));
	if (!push || !reap) {
		fprintf(stderr, "hot_path_cost: out of memory\n");
		return 1;
	}
	volatile uint64_t sink = 0;
	for (int round = 0; round < rounds; round++) {
		uint64_t t0 = now_ns();
		for (unsigned i = 0; i < N; i++) {
			struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);
			io_uring_prep_nop(sqe);
			io_uring_sqe_set_data64(sqe, i);
		}
		uint64_t t1 = now_ns();
		r = io_uring_submit(&ring);
		if (r != N) {
			fprintf(stderr, "hot_path_cost: submitted %d of %d\n", r, N);
			return 1;
		}
		uint64_t t2 = now_ns();
		struct io_uring_cqe *cqe;
		unsigned head, seen = 0;
		uint64_t sum = 0;
		io_uring_for_each_cqe(&ring, head, cqe) {
			sum += cqe->user_data + (uint64_t)(int64_t)cqe->res;
			seen++;
		}
		io_uring_cq_advance(&ring, seen);
		uint64_t t3 = now_ns();
		sink += sum;
		if (seen != N) {
			fprintf(stderr, "hot_path_cost: reaped %u of %d\n", seen, N);
			return 1;
		}
		if (round >= rounds / 2) {
			push[round - rounds / 2] = t1 - t0;
			reap[round - rounds / 2] = t3 - t2;
		}
	}
	qsort(push, measured, sizeof(uint64_t), compare_u64);
	qsort(reap, measured, sizeof(uint64_t), compare_u64);
	printf("result impl=c push_ns_per_op=%.3f reap_ns_per_op=%.3f\n", (double)push[measured / 2] / N,
	       (double)reap[measured / 2] / N);
	free(push);
	free(reap);
	io_uring_queue_exit(&ring);
	return 0;
}
