#!/usr/bin/env bash
# Boot-to-SSH time of each QEMU target against the guest's own time to reach /init.
# Boots every target N times (default 5) with a kernel (default debian:6.1) and prints, from each
# run's timings.json: when the kernel ran /init (host ms from QEMU start), SSH ready, devices
# ready, and SSH-ready / init; and how long the whole `lifelab boot -- true` took, from the shell
# (JVM start, kernel and image lookup, boot, the command, power-off, exit). The means leave out
# each target's first boot, which may build its guest image. Run it on an otherwise idle machine.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
n=${N:-5}
kernel=${KERNEL:-debian:6.1}
targets=${TARGETS:-"qemu-arm64-virt qemu-x86_64-q35"}
out=$(mktemp -d /tmp/lifelab-bench-boot.XXXXXX)

"$here/lifelab" boot --target qemu-arm64-virt --kernel "$kernel" --out "$out/warmup" -- true >/dev/null 2>&1 || true

field() { awk -v k="\"$1\"" '$1 == k { gsub(/[ ,]/, "", $3); print $3; exit }' "$2"; }

for t in $targets; do
  echo "== $t, $kernel, $n boots"
  printf '%-4s %10s %10s %12s %8s %9s\n' run init_ms ssh_ms devices_ms ratio wall_ms
  for i in $(seq 1 "$n"); do
    start=$(date +%s%N)
    "$here/lifelab" boot --target "$t" --kernel "$kernel" --out "$out/$t" -- true >/dev/null 2>&1
    wall=$(( ($(date +%s%N) - start) / 1000000 ))
    f=$(ls -td "$out/$t"/*/ | head -1)timings.json
    init=$(field initMillis "$f"); ssh=$(field sshReadyMillis "$f"); dev=$(field devicesReadyMillis "$f")
    printf '%-4s %10s %10s %12s %8s %9s\n' "$i" "$init" "$ssh" "$dev" \
      "$(awk -v a="$ssh" -v b="$init" 'BEGIN { printf "%.3f", a / b }')" "$wall"
  done | tee "$out/$t.txt"
  awk 'NR > 1 { i += $2; s += $3; d += $4; w += $6; n++ }
    END { printf "mean %10.0f %10.0f %12.0f %8.3f %9.0f\n", i/n, s/n, d/n, s/i, w/n }' "$out/$t.txt"
done
echo "run directories: $out"
