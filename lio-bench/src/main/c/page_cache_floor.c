// P8's system-call floor for the page-cache workloads: the system calls the JDK's channel makes for one read
// (or one Files.readAllBytes of a small file) against the ones lio-nio's makes, timed in C on one thread, so that
// nothing of either JVM is in the figure. lio-nio tries the page cache first without blocking (preadv2 with
// RWF_NOWAIT, an open that resolves only through the dentry cache, statx); the JDK calls pread64, open, fstat and
// read, which may block its carrier. Their ratio is the best lio-nio can reach against the JDK in those workloads on
// this machine with that method.
//
// Usage: page_cache_floor cached FILE SECONDS       4 KiB reads at random 4 KiB-aligned offsets of FILE (in the cache)
//        page_cache_floor small-files DIR SECONDS  open, size, read to the end and close of DIR's *.bin files in turn
// The two call sequences alternate in 40 slices over SECONDS. Prints one JSON object: calls per second of each
// (a call: one read, or one whole file), and the failures (a call that returned an error, e.g. EAGAIN from a page
// that was not cached).
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#define BLOCK 4096
#define SLICES 40
#define MAX_FILES 100000

static double seconds_now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static unsigned long next_random(unsigned long *state) {
    *state = *state * 6364136223846793005UL + 1442695040888963407UL;
    return *state >> 33;
}

static char *buffer;
static long failures;

// One 4 KiB read as the JDK's FileChannel.read(buffer, position) makes it.
static void jdk_read(int fd, long offset) {
    if (pread(fd, buffer, BLOCK, offset) != BLOCK) {
        failures++;
    }
}

// The same read as lio-nio's channel makes it: the page cache only, never blocking.
static void lio_read(int fd, long offset) {
    struct iovec iov = {buffer, BLOCK};
    if (preadv2(fd, &iov, 1, offset, RWF_NOWAIT) != BLOCK) {
        failures++;
    }
}

// Files.readAllBytes on the JDK's provider: open, fstat for the size, read it, read again to see the end, close.
static void jdk_whole_file(const char *name) {
    int fd = open(name, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        failures++;
    } else {
        long size = st.st_size < BLOCK ? st.st_size : BLOCK;
        if (read(fd, buffer, size) != size || read(fd, buffer, 1) != 0) {
            failures++;
        }
    }
    if (fd >= 0) {
        close(fd);
    }
}

// The same on lio-nio's provider: an open through the dentry cache only, statx, positional reads from the cache.
static void lio_whole_file(const char *name) {
    struct open_how how = {.flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK, .resolve = RESOLVE_CACHED};
    int fd = (int) syscall(SYS_openat2, AT_FDCWD, name, &how, sizeof how);
    struct statx stx;
    if (fd < 0 || statx(fd, "", AT_EMPTY_PATH, STATX_BASIC_STATS, &stx) != 0) {
        failures++;
    } else {
        long size = stx.stx_size < BLOCK ? (long) stx.stx_size : BLOCK;
        struct iovec all = {buffer, size};
        struct iovec one = {buffer, 1};
        if (preadv2(fd, &all, 1, 0, RWF_NOWAIT) != size || preadv2(fd, &one, 1, size, RWF_NOWAIT) != 0) {
            failures++;
        }
    }
    if (fd >= 0) {
        close(fd);
    }
}

static char **list_files(const char *dir, int *count) {
    DIR *d = opendir(dir);
    if (d == NULL) {
        perror(dir);
        exit(2);
    }
    char **names = malloc(sizeof(char *) * MAX_FILES);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < MAX_FILES) {
        size_t len = strlen(e->d_name);
        if (len > 4 && strcmp(e->d_name + len - 4, ".bin") == 0) {
            if (asprintf(&names[n], "%s/%s", dir, e->d_name) < 0) {
                exit(2);
            }
            n++;
        }
    }
    closedir(d);
    *count = n;
    return names;
}

int main(int argc, char **argv) {
    if (argc != 4 || (strcmp(argv[1], "cached") != 0 && strcmp(argv[1], "small-files") != 0)) {
        fprintf(stderr, "usage: %s cached FILE SECONDS | small-files DIR SECONDS\n", argv[0]);
        return 2;
    }
    int cached = strcmp(argv[1], "cached") == 0;
    double slice = atof(argv[3]) / SLICES / 2;
    if (!(slice > 0)) {
        fprintf(stderr, "%s: SECONDS must be positive: %s\n", argv[0], argv[3]);
        return 2;
    }
    if (posix_memalign((void **) &buffer, BLOCK, BLOCK) != 0) {
        return 2;
    }
    int fd = -1, files = 0;
    long blocks = 0;
    char **names = NULL;
    if (cached) {
        fd = open(argv[2], O_RDONLY | O_CLOEXEC);
        struct stat st;
        if (fd < 0 || fstat(fd, &st) != 0 || st.st_size < BLOCK) {
            perror(argv[2]);
            return 2;
        }
        blocks = st.st_size / BLOCK;
    } else {
        names = list_files(argv[2], &files);
        if (files == 0) {
            fprintf(stderr, "%s: no *.bin files in %s\n", argv[0], argv[2]);
            return 2;
        }
    }
    unsigned long state = 1;
    long calls[2] = {0, 0};
    double spent[2] = {0, 0};
    int next_file = 0;
    for (int s = 0; s < 2 * SLICES; s++) {
        int lio = s % 2;
        double start = seconds_now(), end = start + slice, t = start;
        long n = 0;
        while (t < end) {
            for (int i = 0; i < 64; i++, n++) {
                if (cached) {
                    long offset = (long) (next_random(&state) % blocks) * BLOCK;
                    lio ? lio_read(fd, offset) : jdk_read(fd, offset);
                } else {
                    const char *name = names[next_file];
                    next_file = (next_file + 1) % files;
                    lio ? lio_whole_file(name) : jdk_whole_file(name);
                }
            }
            t = seconds_now();
        }
        calls[lio] += n;
        spent[lio] += t - start;
    }
    printf("{\"mode\": \"%s\", \"threads\": 1, \"jdk_calls_per_s\": %.1f, \"lio_calls_per_s\": %.1f, \"failures\": %ld}\n",
           argv[1], calls[0] / spent[0], calls[1] / spent[1], failures);
    return 0;
}
