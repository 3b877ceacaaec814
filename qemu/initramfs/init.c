/*
 * PID 1 of lifelab's guests. The host waits for SSH, and under emulation every program started
 * costs 20-40 ms, so this makes system calls instead of running mount, modprobe, ifconfig and ip:
 * mount the kernel file systems, load the network modules, set the address, listen on the SSH
 * port (dropbear runs per connection). Then, at the lowest priority while the host logs in, the
 * test devices' modules; then lo, /dev/pts, debugfs and the busybox applet links, and busybox
 * init, which reaps orphans and keeps a shell on the console.
 *
 * Configuration:
 *   /etc/lifelab/modules-net   names of the modules the NIC needs (dependencies from modules.dep)
 *   /etc/lifelab/modules       names of the modules the test devices need
 *   kernel command line        lifelab.ip=ADDR/PREFIX lifelab.gw=GATEWAY lifelab.nic=IFACE
 *                              (boards); QEMU's user network (10.0.2.15/24 via 10.0.2.2) otherwise
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <net/route.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/klog.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

/* Markers the host waits for; kept identical to what it matches (GuestMarkers). /dev/kmsg is
   opened for each line: the kernel limits each open file to 10 lines per 5 s, and the marker
   that ends a run of errors must not be dropped. */
static void say(const char *fmt, ...) {
  char line[256];
  va_list ap;
  int n = snprintf(line, sizeof line, "lifelab-guest: ");
  va_start(ap, fmt);
  n += vsnprintf(line + n, sizeof line - n - 1, fmt, ap);
  va_end(ap);
  if (n > (int)sizeof line - 2) n = sizeof line - 2;
  line[n++] = '\n';
  int kmsg = open("/dev/kmsg", O_WRONLY | O_CLOEXEC);
  if (kmsg < 0 || write(kmsg, line, n) < 0) {
    if (write(2, line, n) < 0) { /* nowhere left to tell */ }
  }
  if (kmsg >= 0) close(kmsg);
}

static char *read_file(const char *path) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return NULL;
  size_t cap = 4096, len = 0;
  char *buf = malloc(cap);
  for (;;) {
    if (len + 1 >= cap) buf = realloc(buf, cap *= 2);
    ssize_t r = read(fd, buf + len, cap - len - 1);
    if (r <= 0) break;
    len += r;
  }
  close(fd);
  buf[len] = 0;
  return buf;
}

static void write_file(const char *path, const char *text) {
  int fd = open(path, O_WRONLY | O_CLOEXEC);
  if (fd >= 0) {
    if (write(fd, text, strlen(text)) < 0) say("cannot write %s", path);
    close(fd);
  }
}

/* ---- modules ---- */

static char *modules_dep;
static char modules_dir[128];

/* Module names treat '-' and '_' alike. */
static int same_name(const char *a, const char *b, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if ((a[i] == '-' ? '_' : a[i]) != (b[i] == '-' ? '_' : b[i])) return 0;
  }
  return 1;
}

/* The modules.dep line ("dir/NAME.ko: deps...") of NAME, or NULL. */
static char *dep_line(const char *name) {
  size_t n = strlen(name);
  char *line = modules_dep;
  while (line && *line) {
    char *eol = strchr(line, '\n');
    char *colon = memchr(line, ':', eol ? (size_t)(eol - line) : strlen(line));
    if (colon) {
      char *base = colon;
      while (base > line && base[-1] != '/') base--;
      if (colon - base == (long)n + 3 && strncmp(colon - 3, ".ko", 3) == 0 && same_name(base, name, n)) {
        return line;
      }
    }
    line = eol ? eol + 1 : NULL;
  }
  return NULL;
}

static int insert(const char *rel, size_t len) {
  char path[512];
  snprintf(path, sizeof path, "%s/%.*s", modules_dir, (int)len, rel);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  int r = syscall(SYS_finit_module, fd, "", 0);
  int err = errno;
  close(fd);
  return r == 0 || err == EEXIST ? 0 : -1;
}

/* Loads NAME after its dependencies; modules.dep lists those last-needed-first. */
static void load_module(const char *name) {
  char *line = dep_line(name);
  if (!line) return; /* built in: modprobe would have nothing to do either */
  char *colon = strchr(line, ':');
  char *eol = strchr(line, '\n');
  if (!eol) eol = line + strlen(line);
  const char *deps[64];
  size_t lens[64];
  int count = 0;
  for (char *p = colon + 1; p < eol && count < 64;) {
    while (p < eol && *p == ' ') p++;
    char *start = p;
    while (p < eol && *p != ' ') p++;
    if (p > start) {
      deps[count] = start;
      lens[count++] = p - start;
    }
  }
  int failed = 0;
  for (int i = count - 1; i >= 0; i--) failed |= insert(deps[i], lens[i]);
  failed |= insert(line, colon - line);
  if (failed) say("cannot load module %s", name);
}

/* Loads the modules a file names, separated by white space. */
static void load_modules(const char *list) {
  if (!modules_dep) {
    struct utsname u;
    uname(&u);
    snprintf(modules_dir, sizeof modules_dir, "/lib/modules/%s", u.release);
    char path[192];
    snprintf(path, sizeof path, "%s/modules.dep", modules_dir);
    modules_dep = read_file(path);
  }
  char *names = read_file(list);
  if (!names) return;
  for (char *name = strtok(names, " \t\n"); name; name = strtok(NULL, " \t\n")) load_module(name);
  free(names);
}

/* ---- network ---- */

/* The first interface other than lo, in name order, as the shell's glob gave it. */
static int first_nic(char *out, size_t size) {
  struct dirent **list;
  int n = scandir("/sys/class/net", &list, NULL, alphasort);
  int found = 0;
  for (int i = 0; i < n; i++) {
    if (!found && list[i]->d_name[0] != '.' && strcmp(list[i]->d_name, "lo") != 0
        && strlen(list[i]->d_name) < size) {
      strcpy(out, list[i]->d_name);
      found = 1;
    }
    free(list[i]);
  }
  if (n >= 0) free(list);
  return found;
}

static void set_in(struct sockaddr *sa, in_addr_t addr) {
  struct sockaddr_in *in = (struct sockaddr_in *)sa;
  memset(in, 0, sizeof *in);
  in->sin_family = AF_INET;
  in->sin_addr.s_addr = addr;
}

static int link_up(int sock, const char *name) {
  struct ifreq ifr;
  memset(&ifr, 0, sizeof ifr);
  snprintf(ifr.ifr_name, IFNAMSIZ, "%s", name);
  if (ioctl(sock, SIOCGIFFLAGS, &ifr) < 0) return -1;
  ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
  return ioctl(sock, SIOCSIFFLAGS, &ifr);
}

/* Address, netmask and link up: what one ifconfig call did. */
static int configure(int sock, const char *nic, in_addr_t addr, int prefix) {
  struct ifreq ifr;
  memset(&ifr, 0, sizeof ifr);
  snprintf(ifr.ifr_name, IFNAMSIZ, "%s", nic);
  set_in(&ifr.ifr_addr, addr);
  if (ioctl(sock, SIOCSIFADDR, &ifr) < 0) return -1;
  set_in(&ifr.ifr_netmask, prefix <= 0 ? 0 : htonl(0xffffffffu << (32 - (prefix > 32 ? 32 : prefix))));
  if (ioctl(sock, SIOCSIFNETMASK, &ifr) < 0) return -1;
  return link_up(sock, nic);
}

static int add_default_route(int sock, in_addr_t gw) {
  struct rtentry rt;
  memset(&rt, 0, sizeof rt);
  set_in(&rt.rt_dst, 0);
  set_in(&rt.rt_genmask, 0);
  set_in(&rt.rt_gateway, gw);
  rt.rt_flags = RTF_UP | RTF_GATEWAY;
  return ioctl(sock, SIOCADDRT, &rt);
}

#define SSH_HOST_KEY "/etc/dropbear/dropbear_ed25519_host_key"

/* Accepts SSH connections for good and hands each to a `dropbear -i` of its own. */
static void serve_ssh(int listener) {
  prctl(PR_SET_NAME, "ssh-listener");
  signal(SIGCHLD, SIG_IGN); /* the finished dropbears are reaped by the kernel */
  for (;;) {
    int conn = accept4(listener, NULL, NULL, SOCK_CLOEXEC);
    if (conn < 0) continue;
    if (fork() == 0) {
      dup2(conn, 0);
      dup2(conn, 1);
      signal(SIGCHLD, SIG_DFL);
      /* Keys only: the image's dropbear has no password logins (recipe.yaml). */
      char *argv[] = {"dropbear", "-i", "-r", SSH_HOST_KEY, NULL};
      execv("/usr/sbin/dropbear", argv);
      say("cannot run /usr/sbin/dropbear: %s", strerror(errno));
      _exit(127);
    }
    close(conn);
  }
}

/*
 * init listens on port 22 itself and runs dropbear per connection (inetd mode), rather than
 * starting dropbear's daemon: the host can connect as soon as the socket listens, and the first
 * connection skips the daemon's IPv6 socket, its fork into the background and its fork per
 * connection. Returns the listening socket, or -1.
 */
static int start_ssh_server(void) {
  if (access("/usr/sbin/dropbear", X_OK) != 0) {
    say("no SSH server in the image: /usr/sbin/dropbear: %s", strerror(errno));
    return -1;
  }
  int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int one = 1;
  struct sockaddr_in any = {.sin_family = AF_INET, .sin_port = htons(22), .sin_addr.s_addr = htonl(INADDR_ANY)};
  if (listener < 0 || setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0
      || bind(listener, (struct sockaddr *)&any, sizeof any) < 0 || listen(listener, 16) < 0) {
    say("cannot listen on port 22: %s", strerror(errno));
    return -1;
  }
  return listener;
}

/* Runs a program and waits for it; its exit status, or -1. */
static int run(char *const argv[]) {
  pid_t pid = fork();
  if (pid == 0) {
    execv(argv[0], argv);
    _exit(127);
  }
  int status;
  if (pid < 0 || waitpid(pid, &status, 0) < 0) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The guest clock as the kernel printed it ("0.571927") on the first log line containing TEXT. */
static int log_stamp(const char *log, const char *text, char *out, size_t size) {
  const char *hit = strstr(log, text);
  if (!hit) return 0;
  const char *line = hit;
  while (line > log && line[-1] != '\n') line--;
  const char *open = memchr(line, '[', hit - line);
  if (!open) return 0;
  open++;
  while (*open == ' ') open++;
  size_t len = strspn(open, "0123456789.");
  if (len == 0 || len >= size || open[len] != ']') return 0;
  memcpy(out, open, len);
  out[len] = 0;
  return 1;
}

/*
 * "devices ready", with when the kernel ran /init and when init started on the guest's clock:
 * the host needs both for its boot timings, and reading them here (one system call) spares it a
 * dmesg over SSH (~60 ms under emulation) before the first command. The kernel's own line never
 * reaches the console of a quiet boot.
 */
static void announce_devices_ready(void) {
  char run_init[32], started[32];
  /* The log's last 8 KiB hold both lines unless the modules were talkative; the kernel formats
     only what it returns, and the whole log took it ~7 ms more under emulation. */
  int sizes[] = {8192, klogctl(10 /* SYSLOG_ACTION_SIZE_BUFFER */, NULL, 0)};
  for (int i = 0; i < 2; i++) {
    char *log = sizes[i] > 0 ? malloc(sizes[i] + 1) : NULL;
    int n = log ? klogctl(3 /* SYSLOG_ACTION_READ_ALL: the last n bytes */, log, sizes[i]) : -1;
    if (n > 0) {
      log[n] = 0;
      if (log_stamp(log, "Run /init as init process", run_init, sizeof run_init)
          && log_stamp(log, "lifelab-guest: init started", started, sizeof started)) {
        say("devices ready; guest clock: kernel ran /init at %s, init started at %s", run_init, started);
        free(log);
        return;
      }
    }
    free(log);
  }
  say("devices ready");
}

/*
 * What the tests need besides SSH. The host is logging in meanwhile: on a one-CPU guest the SSH
 * server's key exchange goes first and the module loads at the lowest priority. "devices ready"
 * comes last, once the applet links exist for programs that run them by path.
 */
static void after_ssh(const char *late_gw) {
  setpriority(PRIO_PROCESS, 0, 19);
  load_modules("/etc/lifelab/modules");
  int sock = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (late_gw && late_gw[0] && add_default_route(sock, inet_addr(late_gw)) < 0) {
    say("cannot add route via %s: %s", late_gw, strerror(errno));
  }
  setpriority(PRIO_PROCESS, 0, 0);
  if (link_up(sock, "lo") < 0) say("cannot bring lo up: %s", strerror(errno));
  close(sock);
  mkdir("/dev/pts", 0755);
  mkdir("/dev/shm", 0755);
  if (mount("devpts", "/dev/pts", "devpts", 0, "gid=5,mode=0620,ptmxmode=0666") < 0) {
    say("cannot mount /dev/pts: %s", strerror(errno));
  }
  mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL); /* kernels without it run tests without it */
  static char *install[] = {"/bin/busybox", "--install", "-s", NULL};
  if (run(install) != 0) say("busybox --install -s failed");
  announce_devices_ready();
}

static char *cmdline_value(char *cmdline, const char *key) {
  size_t n = strlen(key);
  for (char *p = cmdline; (p = strstr(p, key)) != NULL; p += n) {
    if ((p == cmdline || p[-1] == ' ') && p[n] == '=') {
      char *v = p + n + 1;
      size_t len = strcspn(v, " \n");
      return strndup(v, len);
    }
  }
  return NULL;
}

int main(void) {
  static char *env[] = {"PATH=/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/", NULL};
  mount("proc", "/proc", "proc", 0, NULL);
  mount("sysfs", "/sys", "sysfs", 0, NULL);
  mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
  /* The boot is quiet for speed; from here on every kernel message must reach the console,
     which is where a report survives a guest that dies. */
  write_file("/proc/sys/kernel/printk", "8");
  say("init started");

  char *cmdline = read_file("/proc/cmdline");
  char *ip = cmdline ? cmdline_value(cmdline, "lifelab.ip") : NULL;
  char *gw = cmdline ? cmdline_value(cmdline, "lifelab.gw") : NULL;
  char *nic_arg = cmdline ? cmdline_value(cmdline, "lifelab.nic") : NULL;
  char addr_text[64];
  snprintf(addr_text, sizeof addr_text, "%s", ip ? ip : "10.0.2.15/24");
  if (!ip) gw = "10.0.2.2";
  char *slash = strchr(addr_text, '/');
  int prefix = slash ? atoi(slash + 1) : 24;
  if (slash) *slash = 0;
  in_addr_t addr = inet_addr(addr_text);
  if (addr == INADDR_NONE || prefix < 0 || prefix > 32) {
    say("lifelab.ip=%s is not ADDR/PREFIX (IPv4)", ip);
  }

  load_modules("/etc/lifelab/modules-net");

  char nic[IFNAMSIZ] = "";
  char sys_path[64];
  if (nic_arg) snprintf(nic, sizeof nic, "%s", nic_arg); else first_nic(nic, sizeof nic);
  snprintf(sys_path, sizeof sys_path, "/sys/class/net/%s", nic);
  const char *late_gw = NULL;
  if (nic[0] && access(sys_path, F_OK) == 0) {
    int sock = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (configure(sock, nic, addr, prefix) < 0) say("cannot configure %s: %s", nic, strerror(errno));
    /* QEMU's host talks to the guest from inside its subnet, so there the default route can wait
       until SSH is up; a lab host may be behind the board's gateway. */
    if (ip) {
      if (gw && gw[0] && add_default_route(sock, inet_addr(gw)) < 0) say("cannot add route via %s", gw);
    } else {
      late_gw = gw;
    }
    close(sock);
    int listener = start_ssh_server();
    if (listener >= 0) {
      say("ssh ready on %s", nic);
      if (fork() == 0) serve_ssh(listener);
      close(listener);
    }
  } else {
    say("no network interface%s%s: no SSH", nic_arg ? " " : "", nic_arg ? nic_arg : "");
  }
  after_ssh(late_gw);
  static char *argv[] = {"/bin/busybox", "init", NULL};
  execve("/bin/busybox", argv, env);
  say("cannot run busybox init: %s", strerror(errno));
  return 127;
}
