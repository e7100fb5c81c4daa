/*
 * P10's slow disk: an LD_PRELOAD shim that sleeps SLOW_FSYNC_MS (default 5) milliseconds in every fsync and
 * fdatasync before doing the real one, as a disk that takes that long to make a write durable would. SQLite's
 * commit with synchronous=FULL waits for one of them; so does anything else in the process that syncs.
 * With SLOW_FSYNC_COUNT_FILE set it also keeps the number of syncs so far in that file, so the bench can tell how
 * many fsyncs a window of writes cost (group commit, decision 015).
 * The bench compiles it at run time: gcc -shared -fPIC -O2 -o slow-fsync.so slow-fsync.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static long delay_ns = -1;
static long syncs = 0;
static int count_fd = -2;

static void count(void) {
  if (count_fd == -2) {
    const char *file = getenv("SLOW_FSYNC_COUNT_FILE");
    count_fd = file ? open(file, O_WRONLY | O_CREAT | O_TRUNC, 0644) : -1;
  }
  long n = __atomic_add_fetch(&syncs, 1, __ATOMIC_SEQ_CST);
  if (count_fd >= 0) {
    char text[32];
    int length = snprintf(text, sizeof text, "%ld\n", n);
    if (pwrite(count_fd, text, length, 0) < 0) count_fd = -1;
  }
}

static void slow_down(void) {
  count();
  if (delay_ns < 0) {
    const char *ms = getenv("SLOW_FSYNC_MS");
    delay_ns = (ms ? atol(ms) : 5) * 1000000L;
  }
  struct timespec left = {delay_ns / 1000000000L, delay_ns % 1000000000L};
  while (nanosleep(&left, &left) != 0) {
  }
}

int fsync(int fd) {
  static int (*real)(int);
  if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
  slow_down();
  return real(fd);
}

int fdatasync(int fd) {
  static int (*real)(int);
  if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
  slow_down();
  return real(fd);
}
