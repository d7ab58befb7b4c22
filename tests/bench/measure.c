/*
 * measure.c - runs a command and prints its wall time in seconds and
 * peak resident set size in KiB: "SECONDS KIB". Standard input and output
 * pass through; the figures go to the file named by $MEASURE_OUT.
 * usage: measure COMMAND [ARG...]
 */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct timespec a, b;
	struct rusage ru;
	int status;
	pid_t pid;
	FILE *out;

	if (argc < 2)
		return 2;
	clock_gettime(CLOCK_MONOTONIC, &a);
	pid = fork();
	if (pid == 0) {
		execvp(argv[1], argv + 1);
		_exit(127);
	}
	if (pid < 0 || wait4(pid, &status, 0, &ru) < 0)
		return 2;
	clock_gettime(CLOCK_MONOTONIC, &b);
	out = getenv("MEASURE_OUT") ? fopen(getenv("MEASURE_OUT"), "w") :
	      stderr;
	if (out)
		fprintf(out, "%.6f %ld\n", (double)(b.tv_sec - a.tv_sec) +
			(double)(b.tv_nsec - a.tv_nsec) / 1e9, ru.ru_maxrss);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 2;
}
