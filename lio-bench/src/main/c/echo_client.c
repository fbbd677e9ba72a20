// P4 load client: closed-loop TCP echo over loopback with epoll, one request in flight per connection.
//
// Each connection sends a message of --size bytes, waits until the whole echo is back (and equal to what was
// sent), records the round trip in a log-linear histogram (~0.1 % resolution), and sends the next. The first
// --warmup seconds are not counted; during the --duration seconds after them the client counts completed
// requests and latencies, and reads the server's CPU time at both ends: its process CPU-time clock
// (clock_getcpuclockid, nanoseconds, threads that ended included), or utime + stime of /proc/PID/stat (in clock
// ticks, 10 ms: coarse when a busy machine gives the server a few percent of a CPU) where that clock is refused.
//
// With --threads T the connections are spread over T threads, each with its own epoll instance and histogram
// (merged at the end), for machines where one client core cannot keep up with the server.
//
// Prints one JSON object on stdout. Exit status 0 on success, 1 on a failed connection or a wrong echo.
//
// Build: gcc -O2 -Wall -Wextra -pthread -o echo_client echo_client.c
// Usage: echo_client --port P [--host 127.0.0.1] [--connections N] [--size B] [--warmup S] [--duration S]
//                    [--server-pid PID] [--threads T]
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

// ---------------------------------------------------------------- histogram (values in ns)

#define SUB_BITS 10
#define SUB_COUNT (1 << SUB_BITS)          // 1024 sub-buckets per power of two: < 0.1 % error
#define LINEAR (2 * SUB_COUNT)             // values below 2048 ns are exact
#define MAX_SHIFT 40
#define BUCKETS (LINEAR + MAX_SHIFT * SUB_COUNT)

struct histogram {
    uint64_t counts[BUCKETS];
    uint64_t count;
    double sum;
    uint64_t max;
};

static int bucket_of(uint64_t v) {
    if (v < LINEAR) return (int) v;
    int msb = 63 - __builtin_clzll(v);
    int shift = msb - SUB_BITS;            // v >> shift is in [1024, 2047]
    if (shift > MAX_SHIFT) return BUCKETS - 1;
    return LINEAR + (shift - 1) * SUB_COUNT + (int) ((v >> shift) - SUB_COUNT);
}

static uint64_t value_of(int b) {          // the middle of the bucket
    if (b < LINEAR) return (uint64_t) b;
    int shift = (b - LINEAR) / SUB_COUNT + 1;
    uint64_t sub = (uint64_t) ((b - LINEAR) % SUB_COUNT + SUB_COUNT);
    return (sub << shift) + ((1ULL << shift) >> 1);
}

static void record(struct histogram *h, uint64_t ns) {
    h->counts[bucket_of(ns)]++;
    h->count++;
    h->sum += (double) ns;
    if (ns > h->max) h->max = ns;
}

static void merge(struct histogram *into, const struct histogram *from) {
    for (int b = 0; b < BUCKETS; b++) into->counts[b] += from->counts[b];
    into->count += from->count;
    into->sum += from->sum;
    if (from->max > into->max) into->max = from->max;
}

static double percentile_us(const struct histogram *h, double p) {
    if (h->count == 0) return 0;
    uint64_t rank = (uint64_t) (p / 100.0 * (double) h->count);
    if (rank >= h->count) rank = h->count - 1;
    uint64_t seen = 0;
    for (int b = 0; b < BUCKETS; b++) {
        seen += h->counts[b];
        if (seen > rank) return (double) value_of(b) / 1000.0;
    }
    return (double) h->max / 1000.0;
}

// ---------------------------------------------------------------- helpers

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t) ts.tv_sec * 1000000000ULL + (uint64_t) ts.tv_nsec;
}

static void die(const char *what) {
    fprintf(stderr, "echo_client: %s: %s\n", what, strerror(errno));
    exit(1);
}

// The CPU time of a process in seconds, -1 if unknown: its CPU-time clock, else utime + stime from /proc.
static double process_cpu_s(int pid) {
    if (pid <= 0) return -1;
    clockid_t clock;
    struct timespec ts;
    if (clock_getcpuclockid((pid_t) pid, &clock) == 0 && clock_gettime(clock, &ts) == 0) {
        return (double) ts.tv_sec + ts.tv_nsec / 1e9;
    }
    char path[64], buf[4096];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    int fd = open(path, O_RDONLY);
    if (fd < 0) return -1;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0) return -1;
    buf[n] = 0;
    char *p = strrchr(buf, ')');          // the command name may contain spaces
    if (!p) return -1;
    // after ") ": field 3 (state) ... field 14 utime, 15 stime
    unsigned long long utime = 0, stime = 0;
    if (sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime, &stime) != 2) return -1;
    return (double) (utime + stime) / (double) sysconf(_SC_CLK_TCK);
}

static double self_cpu_s(void) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double) ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

// ---------------------------------------------------------------- connections

struct conn {
    int fd;
    int ep;
    size_t sent;
    size_t received;
    uint64_t started;
    int want_out;
    unsigned char *in;
};

static size_t size;
static unsigned char *message;
static atomic_int measuring;               // set by the main thread for the measured window
static atomic_int stopping;
static atomic_long mismatches;

struct worker {
    pthread_t thread;
    struct conn *conns;
    int count;
    int ep;
    struct histogram hist;
    int failed;
};

static void set_events(struct conn *c, int out) {
    if (c->want_out == out) return;
    struct epoll_event ev = {.events = EPOLLIN | (out ? EPOLLOUT : 0), .data.ptr = c};
    if (epoll_ctl(c->ep, EPOLL_CTL_MOD, c->fd, &ev) < 0) die("epoll_ctl");
    c->want_out = out;
}

// Sends what is left of the current message; returns -1 on a dead connection.
static int pump_out(struct conn *c) {
    while (c->sent < size) {
        ssize_t n = send(c->fd, message + c->sent, size - c->sent, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EAGAIN) {
                set_events(c, 1);
                return 0;
            }
            if (errno == EINTR) continue;
            return -1;
        }
        c->sent += (size_t) n;
    }
    set_events(c, 0);
    return 0;
}

static int start_request(struct conn *c, uint64_t now) {
    c->sent = 0;
    c->received = 0;
    c->started = now;
    return pump_out(c);
}

static int open_connection(const char *host, int port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) die("socket");
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t) port)};
    if (inet_pton(AF_INET, host, &addr.sin_addr) != 1) {
        fprintf(stderr, "echo_client: bad host %s\n", host);
        exit(2);
    }
    for (int attempt = 0;; attempt++) {
        if (connect(fd, (struct sockaddr *) &addr, sizeof addr) == 0) break;
        if (attempt == 100) die("connect");
        usleep(50000);
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    return fd;
}

static void *run_worker(void *arg) {
    struct worker *w = arg;
    struct epoll_event events[1024];
    uint64_t t = now_ns();
    for (int i = 0; i < w->count; i++) {
        if (start_request(&w->conns[i], t) < 0) die("send");
    }
    while (!atomic_load_explicit(&stopping, memory_order_relaxed)) {
        int n = epoll_wait(w->ep, events, 1024, 100);
        if (n < 0) {
            if (errno == EINTR) continue;
            die("epoll_wait");
        }
        for (int i = 0; i < n; i++) {
            struct conn *c = events[i].data.ptr;
            if (events[i].events & (EPOLLERR | EPOLLHUP)) {
                fprintf(stderr, "echo_client: connection closed by the server\n");
                w->failed = 1;
                atomic_store(&stopping, 1);
                return NULL;
            }
            if ((events[i].events & EPOLLOUT) && pump_out(c) < 0) die("send");
            if (!(events[i].events & EPOLLIN)) continue;
            for (;;) {
                ssize_t r = recv(c->fd, c->in + c->received, size - c->received, 0);
                if (r < 0) {
                    if (errno == EAGAIN) break;
                    if (errno == EINTR) continue;
                    die("recv");
                }
                if (r == 0) {
                    fprintf(stderr, "echo_client: the server closed a connection\n");
                    w->failed = 1;
                    atomic_store(&stopping, 1);
                    return NULL;
                }
                c->received += (size_t) r;
                if (c->received < size) continue;
                uint64_t done = now_ns();
                if (memcmp(c->in, message, size) != 0) atomic_fetch_add(&mismatches, 1);
                if (atomic_load_explicit(&measuring, memory_order_relaxed)) record(&w->hist, done - c->started);
                if (start_request(c, done) < 0) die("send");
                break;
            }
        }
    }
    return NULL;
}

static void sleep_until(uint64_t deadline) {
    for (uint64_t t = now_ns(); t < deadline; t = now_ns()) {
        uint64_t left = deadline - t;
        struct timespec ts = {.tv_sec = (time_t) (left / 1000000000ULL), .tv_nsec = (long) (left % 1000000000ULL)};
        nanosleep(&ts, NULL);
    }
}

int main(int argc, char **argv) {
    const char *host = "127.0.0.1";
    int port = 0, connections = 1, server_pid = 0, threads = 1;
    double warmup = 5, duration = 10;
    size = 64;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!v) { fprintf(stderr, "echo_client: %s needs a value\n", a); return 2; }
        if (!strcmp(a, "--host")) host = v;
        else if (!strcmp(a, "--port")) port = atoi(v);
        else if (!strcmp(a, "--connections")) connections = atoi(v);
        else if (!strcmp(a, "--size")) size = (size_t) atol(v);
        else if (!strcmp(a, "--warmup")) warmup = atof(v);
        else if (!strcmp(a, "--duration")) duration = atof(v);
        else if (!strcmp(a, "--server-pid")) server_pid = atoi(v);
        else if (!strcmp(a, "--threads")) threads = atoi(v);
        else { fprintf(stderr, "echo_client: unknown option %s\n", a); return 2; }
        i++;
    }
    if (port <= 0 || connections <= 0 || size == 0 || duration <= 0 || warmup < 0 || threads <= 0) {
        fprintf(stderr, "usage: echo_client --port P [--host H] [--connections N] [--size B] [--warmup S]"
                        " [--duration S] [--server-pid PID] [--threads T]\n");
        return 2;
    }
    if (threads > connections) threads = connections;

    message = malloc(size);
    for (size_t i = 0; i < size; i++) message[i] = (unsigned char) ('a' + i % 26);
    struct conn *conns = calloc((size_t) connections, sizeof *conns);
    struct worker *workers = calloc((size_t) threads, sizeof *workers);
    for (int w = 0, first = 0; w < threads; w++) {
        int count = connections / threads + (w < connections % threads ? 1 : 0);
        workers[w].conns = conns + first;
        workers[w].count = count;
        workers[w].ep = epoll_create1(EPOLL_CLOEXEC);
        if (workers[w].ep < 0) die("epoll_create1");
        for (int i = first; i < first + count; i++) {
            conns[i].fd = open_connection(host, port);
            conns[i].ep = workers[w].ep;
            conns[i].in = malloc(size);
            struct epoll_event ev = {.events = EPOLLIN, .data.ptr = &conns[i]};
            if (epoll_ctl(workers[w].ep, EPOLL_CTL_ADD, conns[i].fd, &ev) < 0) die("epoll_ctl");
        }
        first += count;
    }

    uint64_t t = now_ns();
    for (int w = 0; w < threads; w++) {
        if (pthread_create(&workers[w].thread, NULL, run_worker, &workers[w]) != 0) die("pthread_create");
    }
    sleep_until(t + (uint64_t) (warmup * 1e9));
    double server_cpu0 = process_cpu_s(server_pid);
    double client_cpu0 = self_cpu_s();
    uint64_t window_start = now_ns();
    atomic_store(&measuring, 1);
    sleep_until(window_start + (uint64_t) (duration * 1e9));
    atomic_store(&measuring, 0);
    uint64_t window_end = now_ns();
    double server_cpu1 = process_cpu_s(server_pid);
    double client_cpu1 = self_cpu_s();
    atomic_store(&stopping, 1);

    struct histogram *all = calloc(1, sizeof *all);
    int failed = 0;
    for (int w = 0; w < threads; w++) {
        pthread_join(workers[w].thread, NULL);
        merge(all, &workers[w].hist);
        failed |= workers[w].failed;
    }
    if (failed) return 1;

    double seconds = (double) (window_end - window_start) / 1e9;
    double server_cpu = server_pid > 0 && server_cpu0 >= 0 && server_cpu1 >= 0 ? server_cpu1 - server_cpu0 : -1;
    long bad = atomic_load(&mismatches);
    printf("{\"connections\": %d, \"size\": %zu, \"threads\": %d, \"warmup_s\": %.3f, \"seconds\": %.3f,"
           " \"requests\": %llu, \"rps\": %.1f, \"mean_us\": %.2f, \"p50_us\": %.2f, \"p99_us\": %.2f,"
           " \"p999_us\": %.2f, \"max_us\": %.2f, \"server_cpu_s\": %.3f, \"client_cpu_s\": %.3f, \"mismatches\": %ld}\n",
           connections, size, threads, warmup, seconds, (unsigned long long) all->count, (double) all->count / seconds,
           all->count ? all->sum / (double) all->count / 1000.0 : 0, percentile_us(all, 50), percentile_us(all, 99),
           percentile_us(all, 99.9), (double) all->max / 1000.0, server_cpu, client_cpu1 - client_cpu0, bad);
    return bad == 0 ? 0 : 1;
}
