#!/usr/bin/env bash
# Throughput of `lifelab analyze` on a long console log, next to grep looking for the classic
# oops headers in the same file.
#
#   bench/analyze-throughput.sh [SIZE_MIB]        (default 512)
#
# Environment:
#   REPORT_EVERY_KIB  bytes of boots and test chatter between two kernel reports (default 256)
#   JAVA_HEAP         heap given to lifelab (default 64m), through LIFELAB_JAVA_OPTS
#   LIFELAB_CACHE     where the generated log is kept and reused (default ~/.cache/lifelab)
#   RUNS              runs of each tool; the fastest counts (default 3)
#
# The log is made of real content: boots of the x86 QEMU guest of $SHARED/kernel-logs/qemu (up
# to its first report), the test's chatter, and every REPORT_EVERY_KIB a kernel report (one of
# the syzkaller corpus logs or a whole QEMU log, in turn). It is built once and reused.
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
root=$(cd "$here/.." && pwd)
size_mib=${1:-512}
every_kib=${REPORT_EVERY_KIB:-256}
heap=${JAVA_HEAP:-64m}
runs=${RUNS:-3}
shared=${LIFELAB_SHARED:-$root/../shared}
[ -d "$shared/kernel-logs" ] || shared=/work/shared
cache=${LIFELAB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/lifelab}/bench
log="$cache/console-${size_mib}m-report-every-${every_kib}k.log"
patterns="$here/oops-patterns.txt"

mkdir -p "$cache"
if [ ! -s "$log" ]; then
  echo "building $log" >&2
  awk -v target=$((size_mib * 1024 * 1024)) -v every=$((every_kib * 1024)) \
      -v bootlogs="$shared/kernel-logs/qemu/x86_64-6.1.0-47-i2c-unbind-while-open-hang.log" \
      -f "$here/make-console-log.awk" "$shared"/kernel-logs/qemu/*.log "$shared"/kernel-logs/syzkaller/[0-9]* \
      > "$log.tmp"
  mv "$log.tmp" "$log"
fi

# Build the jar now, so that building is not timed, and let analyze make its class-data-sharing
# archive (the launcher does that on the first analyze after a build).
"$root/lifelab" --version >/dev/null
"$root/lifelab" analyze /dev/null >/dev/null 2>&1 || true

bytes=$(stat -c %s "$log")
mib=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }')
cat "$log" > /dev/null # both tools read from the page cache

# best RUNS COMMAND...: runs COMMAND RUNS times, prints "wall_seconds cpu_seconds max_rss_kib"
# of the fastest run; the command's output goes to $out.
out=$(mktemp)
trap 'rm -f "$out" "$out.time"' EXIT
best() {
  local n=$1; shift
  local best_line=""
  for _ in $(seq "$n"); do
    /usr/bin/time -f "%e %U %S %M" -o "$out.time" "$@" > "$out" || true
    read -r wall user sys rss < <(tail -n 1 "$out.time")
    line="$wall $(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }') $rss"
    if [ -z "$best_line" ] || awk -v a="$wall" -v b="${best_line%% *}" 'BEGIN { exit !(a < b) }'; then
      best_line=$line
    fi
  done
  echo "$best_line"
}

read -r grep_wall grep_cpu grep_rss < <(best "$runs" grep -a -c -E -f "$patterns" "$log")
grep_lines=$(grep -a -c -E -f "$patterns" "$log" || true)

read -r ll_wall ll_cpu ll_rss < <(LIFELAB_JAVA_OPTS="-Xmx$heap" best "$runs" "$root/lifelab" analyze --json "$log")
findings=$(grep -o '"kind":' "$out" | wc -l)

speed() { awk -v m="$mib" -v s="$1" 'BEGIN { printf "%.0f", (s > 0 ? m / s : 0) }'; }
echo "log: $log"
echo "size: $mib MiB, a kernel report every $every_kib KiB of other output, $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-40s %7s s wall %7s s cpu %6s MiB/s  %s\n' \
  "grep -a -c -E -f oops-patterns.txt" "$grep_wall" "$grep_cpu" "$(speed "$grep_wall")" "$grep_lines matching lines"
printf '%-40s %7s s wall %7s s cpu %6s MiB/s  %s\n' \
  "lifelab analyze --json (-Xmx$heap)" "$ll_wall" "$ll_cpu" "$(speed "$ll_wall")" "$findings findings, max RSS $((ll_rss / 1024)) MiB"
awk -v g="$grep_wall" -v l="$ll_wall" 'BEGIN { printf "lifelab / grep speed (wall clock): %.2f\n", g / l }'
