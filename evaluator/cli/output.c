/*
 * output.c - where a command's report or document goes (-o), for every
 * command that writes one (check, import).
 * Input: the -o path, or none for standard output, and the bytes.
 * Output: a regular file, or a new name, replaced whole through a
 * temporary file in its directory and rename(2), keeping the mode of the
 * file it replaces; a character device, a FIFO or "-" written in place;
 * a message and a non-zero exit code for any write error; -o refused,
 * before anything is read, when it is the same file as an input. The
 * temporary file is removed on SIGINT, SIGTERM and SIGHUP.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

#define MAX_LINK_HOPS 40
#define TEMP_ATTEMPTS 100
#define NCAUGHT 3

/* A signal handler may call only async-signal-safe functions, so the
 * temporary file's name is stored here before the file is created: the
 * handler cannot be given it any other way. One output at a time. */
static char pending_tmp[OUTPUT_PATH_MAX];
static volatile sig_atomic_t pending;
static const int caught[NCAUGHT] = { SIGINT, SIGTERM, SIGHUP };
static struct sigaction saved[NCAUGHT];
static int installed[NCAUGHT];

/* SA_RESETHAND restored the default action: raising the signal again
 * ends the process as it would have ended without us. */
static void remove_pending(int sig)
{
	if (pending)
		unlink(pending_tmp);
	raise(sig);
}

/* A signal the caller ignores (nohup, a background job's SIGINT) stays
 * ignored. */
static void catch_signals(void)
{
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = remove_pending;
	sa.sa_flags = SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < NCAUGHT; i++)
		installed[i] = sigaction(caught[i], NULL, &saved[i]) == 0 &&
			       saved[i].sa_handler != SIG_IGN &&
			       sigaction(caught[i], &sa, NULL) == 0;
}

static void release_signals(void)
{
	size_t i;

	for (i = 0; i < NCAUGHT; i++)
		if (installed[i])
			sigaction(caught[i], &saved[i], NULL);
}

/* The signals held off while the temporary file and `pending` change
 * together, so that the handler never sees one without the other. */
static void hold_signals(sigset_t *old)
{
	sigset_t set;
	size_t i;

	sigemptyset(&set);
	for (i = 0; i < NCAUGHT; i++)
		sigaddset(&set, caught[i]);
	pthread_sigmask(SIG_BLOCK, &set, old);
}

static void let_signals(const sigset_t *old)
{
	int saved_errno = errno;

	pthread_sigmask(SIG_SETMASK, old, NULL);
	errno = saved_errno;
}

/* ------------------------------------------------------------------ */
/* Inputs the output must not be                                       */

output_id output_identify(const settings *s)
{
	output_id id;
	struct stat st;

	memset(&id, 0, sizeof(id));
	id.path = s->output;
	if (!s->output || strcmp(s->output, "-") == 0 ||
	    stat(s->output, &st) != 0 || S_ISCHR(st.st_mode))
		return id;      /* writing a device destroys no input */
	id.known = 1;
	id.dir = S_ISDIR(st.st_mode);
	id.dev = st.st_dev;
	id.ino = st.st_ino;
	return id;
}

int output_clashes(const output_id *id, const char *path,
	const struct stat *st, const char *what)
{
	struct stat own;

	if (!id->known)
		return 0;
	if (!st && stat(path, &own) != 0)
		return 0;
	if (!st)
		st = &own;
	if (st->st_dev != id->dev || st->st_ino != id->ino)
		return 0;
	if (what)
		fprintf(stderr, "sovereign: cannot write %s: it is the same "
			"file as the %s %s\n", id->path, what, path);
	else
		fprintf(stderr, "sovereign: cannot write %s: it is %s\n",
			id->path, path);
	return 1;
}

static int clashes_with_list(const output_id *id, const char *const *paths,
	size_t n, const char *what)
{
	size_t i;
	int clash = 0;

	for (i = 0; i < n; i++)
		clash |= output_clashes(id, paths[i], NULL, what);
	return clash;
}

/* Standard input is read by --stdin-ndjson, --files-from - and any
 * other "-". */
static int clashes_with_stdin(const output_id *id, const settings *s)
{
	struct stat st;
	int reads = s->stdin_ndjson || s->reads_stdin ||
		    (s->files_from && strcmp(s->files_from, "-") == 0);

	return reads && fstat(STDIN_FILENO, &st) == 0 &&
	       output_clashes(id, "standard input", &st, NULL);
}

int output_check(const settings *s)
{
	output_id id = output_identify(s);
	const char *one[] = { s->waivers, s->baseline, s->annotations,
			      s->files_from };
	static const char *const one_what[] = { "waiver file", "baseline",
						"annotation file", "list" };
	size_t i;
	int clash;

	if (s->output && !*s->output)
		return fprintf(stderr, "sovereign: -o expects a file name, "
			"not ''\n"), EXIT_BAD_INPUT;
	if (id.dir)
		return fprintf(stderr, "sovereign: cannot write %s: %s\n",
			s->output, strerror(EISDIR)), EXIT_BAD_INPUT;
	clash = clashes_with_list(&id, s->policies, s->npolicies, "policy") |
		clashes_with_list(&id, s->catalogs, s->ncatalogs, "catalog") |
		clashes_with_list(&id, s->files, s->nfiles, "input") |
		clashes_with_stdin(&id, s);
	for (i = 0; i < sizeof(one) / sizeof(one[0]); i++)
		if (one[i] && strcmp(one[i], "-") != 0)
			clash |= output_clashes(&id, one[i], NULL,
				one_what[i]);
	return clash ? EXIT_BAD_INPUT : 0;
}

/* ------------------------------------------------------------------ */
/* Opening                                                             */

/* Makes `link`, read from the symbolic link at `at`, a path from here. */
static int beside(char *at, size_t cap, const char *link)
{
	const char *slash = strrchr(at, '/');
	size_t dir = link[0] == '/' || !slash ? 0 : (size_t)(slash - at) + 1;

	if (dir + strlen(link) >= cap)
		return errno = ENAMETOOLONG, -1;
	memcpy(at + dir, link, strlen(link) + 1);
	return 0;
}

/* Follows the symbolic links of the last component into o->target: the
 * file they lead to is replaced, the links stay. A link to nothing leads
 * to a new name. */
static int follow_links(output *o)
{
	char link[OUTPUT_PATH_MAX];
	struct stat st;
	int hops = 0;

	if (strlen(o->path) >= sizeof(o->target))
		return errno = ENAMETOOLONG, -1;
	strcpy(o->target, o->path);
	while (lstat(o->target, &st) == 0 && S_ISLNK(st.st_mode)) {
		ssize_t n;

		if (hops++ == MAX_LINK_HOPS)
			return errno = ELOOP, -1;
		n = readlink(o->target, link, sizeof(link) - 1);
		if (n < 0)
			return -1;
		link[n] = '\0';
		if (beside(o->target, sizeof(o->target), link))
			return -1;
	}
	return 0;
}

/* One attempt at the temporary file's name: .NAME.XXXXXXXX beside the
 * target, on its file system (rename(2) replaces at once) and hidden from
 * directory walks. */
static int temp_name(output *o, unsigned attempt)
{
	const char *slash = strrchr(o->target, '/');
	const char *base = slash ? slash + 1 : o->target;
	int dir = slash ? (int)(slash - o->target) + 1 : 0;
	struct timespec now;
	unsigned long salt;

	clock_gettime(CLOCK_REALTIME, &now);
	salt = (unsigned long)now.tv_nsec ^ (unsigned long)getpid() << 12 ^
	       attempt * 2654435761u;
	if (snprintf(o->tmp, sizeof(o->tmp), "%.*s.%s.%08lx", dir, o->target,
		    base, salt & 0xffffffffUL) >= (int)sizeof(o->tmp))
		return errno = ENAMETOOLONG, -1;
	return 0;
}

/* Created with mode 0666: the kernel applies the umask (and a default
 * ACL) as for any new file. Registered for the signal handler first. */
static int create_temp(output *o)
{
	unsigned attempt;
	sigset_t old;
	int fd = -1;

	catch_signals();
	for (attempt = 0; fd < 0 && attempt < TEMP_ATTEMPTS; attempt++) {
		if (temp_name(o, attempt))
			break;
		hold_signals(&old);
		memcpy(pending_tmp, o->tmp, sizeof(pending_tmp));
		fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
			0666);
		pending = fd >= 0;
		let_signals(&old);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd < 0) {
		o->tmp[0] = '\0';
		release_signals();
	}
	return fd;
}

/* Renames the temporary file into place, or removes it. */
static int settle_temp(output *o, int keep)
{
	sigset_t old;
	int err = 0;

	hold_signals(&old);
	if (keep && rename(o->tmp, o->target) != 0)
		err = errno;
	if (!keep || err)
		unlink(o->tmp);
	pending = 0;
	let_signals(&old);
	release_signals();
	o->tmp[0] = '\0';
	return err;
}

/* The file being replaced keeps its mode, and its owner when allowed. */
static int keep_mode(int fd, const struct stat *was)
{
	int given = 1;

	if (was->st_uid != geteuid() || was->st_gid != getegid())
		given = fchown(fd, was->st_uid, was->st_gid) == 0;
	(void)given;    /* not permitted to give it away: it stays ours */
	return fchmod(fd, was->st_mode & 07777);
}

static FILE *open_replacement(output *o, const struct stat *was)
{
	FILE *fp = NULL;
	int fd = follow_links(o) == 0 ? create_temp(o) : -1;

	if (fd >= 0 && (!was || keep_mode(fd, was) == 0))
		fp = fdopen(fd, "w");
	if (fd >= 0 && !fp) {
		close(fd);
		settle_temp(o, 0);
	}
	return fp;
}

/* A device or a FIFO: there is nothing to replace, only to write to. */
static FILE *open_in_place(output *o)
{
	int fd = open(o->path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
	FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;

	if (fd >= 0 && !fp)
		close(fd);
	return fp;
}

FILE *output_open(output *o, const settings *s)
{
	struct stat st;
	int exists;

	memset(o, 0, sizeof(*o));
	o->path = s->output;
	if (!o->path || strcmp(o->path, "-") == 0)
		return o->fp = stdout;
	exists = stat(o->path, &st) == 0;
	if (exists && !S_ISREG(st.st_mode))
		o->fp = open_in_place(o);
	else
		o->fp = open_replacement(o, exists ? &st : NULL);
	if (!o->fp)
		fprintf(stderr, "sovereign: cannot write %s: %s\n", o->path,
			strerror(errno));
	return o->fp;
}

/* ------------------------------------------------------------------ */
/* Closing                                                             */

/* Flushes and closes; 0, or the errno of the failure. errno is not
 * cleared first: a write that failed earlier (the stream's error flag)
 * left its errno there, ENOSPC on /dev/full, and stdio keeps no other. */
static int finish_writing(output *o)
{
	int failed, err;

	failed = fflush(o->fp) != 0 || ferror(o->fp);
	err = failed ? (errno ? errno : EIO) : 0;
	if (!err && o->tmp[0] && fsync(fileno(o->fp)) != 0)
		err = errno;
	if (o->fp != stdout && fclose(o->fp) != 0 && !err)
		err = errno ? errno : EIO;
	o->fp = NULL;
	return err;
}

int output_close(output *o, int code)
{
	int err = o->fp ? finish_writing(o) : 0;

	if (o->tmp[0]) {
		int moved = settle_temp(o, !err && code < EXIT_BAD_INPUT);

		err = err ? err : moved;
	}
	if (err)
		fprintf(stderr, "sovereign: cannot write %s: %s\n",
			o->path && strcmp(o->path, "-") != 0 ? o->path :
			"standard output", strerror(err));
	return err && code < EXIT_BAD_INPUT ? EXIT_INTERNAL : code;
}
