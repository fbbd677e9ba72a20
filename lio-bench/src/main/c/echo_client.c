// P4 load client: closed-loop TCP echo over loopback with epoll, one request in flight per connection.
//
// Each connection sends a message of --size bytes, waits until the whole echo is back (and equal to what was
// sent), records the round trip in a log-linear histogram (~0.1 % resolution), and sends the next. The first
// --warmup seconds are not counted; during the --duration seconds after them the client counts completed
// requests and latencies, and reads the server's CPU time (utime + stime of /proc/PID/stat) at both ends.
//
// Prints one JSON object on stdout. Exit status 0 on success, 1 on a failed connection or a wrong echo.
//
// Build: gcc -O2 -Wall -Wextra -o echo_client echo_client.c
// Usage: echo_client --port P [--host 127.0.0.1] [--connections N] [--size B] [--warmup S] [--duration S]
//                    [--server-pid PID]
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
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

static uint64_t hist[BUCKETS];
static uint64_t hist_count;
static double hist_sum;
static uint64_t hist_max;

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

static void record(uint64_t ns) {
    hist[bucket_of(ns)]++;
    hist_count++;
    hist_sum += (double) ns;
    if (ns > hist_max) hist_max = ns;
}

static double percentile_us(double p) {
    if (hist_count == 0) return 0;
    uint64_t rank = (uint64_t) (p / 100.0 * (double) hist_count);
    if (rank >= hist_count) rank = hist_count - 1;
    uint64_t seen = 0;
    for (int b = 0; b < BUCKETS; b++) {
        seen += hist[b];
        if (seen > rank) return (double) value_of(b) / 1000.0;
    }
    return (double) hist_max / 1000.0;
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

// utime + stime of a process in seconds, -1 if unknown.
static double process_cpu_s(int pid) {
    if (pid <= 0) return -1;
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
    size_t sent;
    size_t received;
    uint64_t started;
    int want_out;
    unsigned char *in;
};

static size_t size;
static unsigned char *message;
static int ep;
static long mismatches;

static void set_events(struct conn *c, int out) {
    if (c->want_out == out) return;
    struct epoll_event ev = {.events = EPOLLIN | (out ? EPOLLOUT : 0), .data.ptr = c};
    if (epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev) < 0) die("epoll_ctl");
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

int main(int argc, char **argv) {
    const char *host = "127.0.0.1";
    int port = 0, connections = 1, server_pid = 0;
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
        else { fprintf(stderr, "echo_client: unknown option %s\n", a); return 2; }
        i++;
    }
    if (port <= 0 || connections <= 0 || size == 0 || duration <= 0 || warmup < 0) {
        fprintf(stderr, "usage: echo_client --port P [--host H] [--connections N] [--size B] [--warmup S]"
                        " [--duration S] [--server-pid PID]\n");
        return 2;
    }

    message = malloc(size);
    for (size_t i = 0; i < size; i++) message[i] = (unsigned char) ('a' + i % 26);
    ep = epoll_create1(EPOLL_CLOEXEC);
    if (ep < 0) die("epoll_create1");
    struct conn *conns = calloc((size_t) connections, sizeof *conns);
    for (int i = 0; i < connections; i++) {
        conns[i].fd = open_connection(host, port);
        conns[i].in = malloc(size);
        struct epoll_event ev = {.events = EPOLLIN, .data.ptr = &conns[i]};
        if (epoll_ctl(ep, EPOLL_CTL_ADD, conns[i].fd, &ev) < 0) die("epoll_ctl");
    }

    uint64_t t = now_ns();
    uint64_t measure_from = t + (uint64_t) (warmup * 1e9);
    uint64_t measure_to = measure_from + (uint64_t) (duration * 1e9);
    for (int i = 0; i < connections; i++) {
        if (start_request(&conns[i], t) < 0) die("send");
    }

    int measuring = 0;
    uint64_t measured = 0, window_start = 0, window_end = 0;
    double server_cpu0 = 0, server_cpu1 = 0, client_cpu0 = 0, client_cpu1 = 0;
    struct epoll_event events[1024];
    for (;;) {
        int n = epoll_wait(ep, events, 1024, 100);
        if (n < 0) {
            if (errno == EINTR) continue;
            die("epoll_wait");
        }
        uint64_t now = now_ns();
        if (!measuring && now >= measure_from) {
            measuring = 1;
            window_start = now;
            server_cpu0 = process_cpu_s(server_pid);
            client_cpu0 = self_cpu_s();
        }
        if (now >= measure_to) {
            window_end = now;
            server_cpu1 = process_cpu_s(server_pid);
            client_cpu1 = self_cpu_s();
            break;
        }
        for (int i = 0; i < n; i++) {
            struct conn *c = events[i].data.ptr;
            if (events[i].events & (EPOLLERR | EPOLLHUP)) {
                fprintf(stderr, "echo_client: connection closed by the server\n");
                return 1;
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
                    return 1;
                }
                c->received += (size_t) r;
                if (c->received < size) continue;
                uint64_t done = now_ns();
                if (memcmp(c->in, message, size) != 0) mismatches++;
                if (measuring) {
                    record(done - c->started);
                    measured++;
                }
                if (start_request(c, done) < 0) die("send");
                break;
            }
        }
    }

    double seconds = (double) (window_end - window_start) / 1e9;
    double server_cpu = server_pid > 0 && server_cpu0 >= 0 && server_cpu1 >= 0 ? server_cpu1 - server_cpu0 : -1;
    printf("{\"connections\": %d, \"size\": %zu, \"warmup_s\": %.3f, \"seconds\": %.3f, \"requests\": %llu,"
           " \"rps\": %.1f, \"mean_us\": %.2f, \"p50_us\": %.2f, \"p99_us\": %.2f, \"p999_us\": %.2f,"
           " \"max_us\": %.2f, \"server_cpu_s\": %.3f, \"client_cpu_s\": %.3f, \"mismatches\": %ld}\n",
           connections, size, warmup, seconds, (unsigned long long) measured, (double) measured / seconds,
           hist_count ? hist_sum / (double) hist_count / 1000.0 : 0, percentile_us(50), percentile_us(99),
           percentile_us(99.9), (double) hist_max / 1000.0, server_cpu, client_cpu1 - client_cpu0, mismatches);
    return mismatches == 0 ? 0 : 1;
}
