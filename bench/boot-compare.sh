#!/usr/bin/env bash
# Compares the boot-to-SSH time of two or more lifelab checkouts (each with its jar built), for
# changes to the guest image, the target files or the SSH client. The checkouts boot in turn,
# one boot of each per round, so that a change in the machine's load or speed during the run
# falls on all of them alike; differences of a few ms only show over many rounds.
#
#   bench/boot-compare.sh DIR_A DIR_B [DIR...]
#
# Environment: N rounds (default 8), TARGET (default qemu-arm64-virt), KERNEL (default debian:6.1).
#
# Per boot, in ms: init = when the kernel ran /init (host clock, from QEMU start); after = SSH
# ready minus init, split into exec (/init started until its first line), script (first line
# until "ssh ready") and login (from "ssh ready" until the host's SSH login succeeded). The guest
# parts come from the kernel's timestamps, the login from the host's clock. devices = from SSH
# ready until the guest said the test devices' modules are in ("devices ready", host clock),
# which is when a run can start. start = from the command's start until QEMU started (JVM start,
# kernel and image lookups), and wall = the whole `lifelab boot … -- true`, both host clock.
set -euo pipefail
[ $# -ge 2 ] || { sed -n '2,/^set -e/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2; exit 2; }
n=${N:-8}
target=${TARGET:-qemu-arm64-virt}
kernel=${KERNEL:-debian:6.1}
out=$(mktemp -d /tmp/lifelab-boot-compare.XXXXXX)
dirs=()
for d in "$@"; do
  d=$(cd "$d" && pwd)
  [ -x "$d/lifelab" ] || { echo "$d: no lifelab launcher" >&2; exit 2; }
  dirs+=("$d")
done

field() { awk -v k="\"$1\"" '$1 == k { gsub(/[ ,]/, "", $3); print $3; exit }' "$2"; }
stamp() { grep -a -m1 "$1" "$2" | sed -n 's/^\[ *\([0-9.]*\)\].*/\1/p'; }

# One boot of each checkout first, unrecorded: it builds the guest images and warms the caches.
for d in "${dirs[@]}"; do
  "$d/lifelab" boot --target "$target" --kernel "$kernel" --out "$out/warmup" -- true >/dev/null 2>&1 || true
done

printf '%-3s %-24s %6s %6s %6s %6s %6s %6s %7s %6s %6s\n' run checkout init after ratio exec script login devices \
  start wall
for i in $(seq 1 "$n"); do
  k=0
  for d in "${dirs[@]}"; do
    k=$((k + 1))
    runs="$out/$k"
    began=$(date +%s%N)
    if ! "$d/lifelab" boot --target "$target" --kernel "$kernel" --out "$runs" -- true >/dev/null 2>&1; then
      echo "$i $d: boot failed, see $(ls -td "$runs"/*/ | head -1)" >&2
      continue
    fi
    wall=$(( ($(date +%s%N) - began) / 1000000 ))
    r=$(ls -td "$runs"/*/ | head -1)
    init=$(field initMillis "$r/timings.json")
    ssh=$(field sshReadyMillis "$r/timings.json")
    devices=$(field devicesReadyMillis "$r/timings.json")
    run_init=$(field kernelInitSeconds "$r/timings.json")
    started=$(stamp 'lifelab-guest: init started' "$r/console.log")
    ready=$(stamp 'lifelab-guest: ssh ready' "$r/console.log")
    power_on=$(sed -n 's/.*"powerOn" : "\([^"]*\)".*/\1/p' "$r/timings.json" | head -1)
    start=$(( ($(date -d "$power_on" +%s%N) - began) / 1000000 ))
    awk -v i="$i" -v k="$k" -v d="$(basename "$d")" -v init="$init" -v ssh="$ssh" -v ri="$run_init" \
        -v st="$started" -v sr="$ready" -v dev="$devices" -v start="$start" -v wall="$wall" 'BEGIN {
      printf "%-3s %-24s %6d %6d %6.3f %6.0f %6.0f %6.0f %7d %6d %6d\n", i, k ":" d, init, ssh - init, ssh / init,
        (st - ri) * 1000, (sr - st) * 1000, ssh - (init + (sr - ri) * 1000), dev - ssh, start, wall }'
  done
done | tee "$out/boots.txt"

echo "means over the boots of each checkout (and the standard deviation of 'after'):"
awk '{ k = $2; n[k]++; init[k] += $3; after[k] += $4; sq[k] += $4 * $4; ratio[k] += $5
       exec_[k] += $6; script[k] += $7; login[k] += $8; devices[k] += $9; start[k] += $10; wall[k] += $11 }
     END { for (k in n) { m = after[k] / n[k]; sd = n[k] > 1 ? sqrt((sq[k] - n[k] * m * m) / (n[k] - 1)) : 0
             printf "%-28s n=%-3d init %6.0f  after %6.1f (sd %4.1f)  ratio %.4f  exec %5.1f  script %5.1f  login %5.1f  devices %5.1f  start %5.0f  wall %5.0f\n",
               k, n[k], init[k] / n[k], m, sd, ratio[k] / n[k], exec_[k] / n[k], script[k] / n[k], login[k] / n[k],
               devices[k] / n[k], start[k] / n[k], wall[k] / n[k] } }' \
  "$out/boots.txt" | sort
echo "run directories: $out"
