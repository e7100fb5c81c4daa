/*
 * P10's slow disk: an LD_PRELOAD shim that sleeps SLOW_FSYNC_MS (default 5) milliseconds in every fsync and
 * fdatasync before doing the real one, as a disk that takes that long to make a write durable would. SQLite's
 * commit with synchronous=FULL waits for one of them; so does anything else in the process that syncs.
 * The bench compiles it at run time: gcc -shared -fPIC -O2 -o slow-fsync.so slow-fsync.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <time.h>

static long delay_ns = -1;

static void slow_down(void) {
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
