#!/usr/bin/env bash
# Installs what lifelab needs on a Debian 12 host, as root: Java and Maven, QEMU for both guest
# architectures, U-Boot for QEMU, the tools that build guest images, the cross compiler and
# Debian's kernel sources for debug-kernel builds. Idempotent: does nothing when all is there.
set -euo pipefail

packages=(
  openjdk-17-jdk-headless maven
  qemu-system-arm qemu-system-x86 qemu-utils u-boot-qemu ipxe-qemu
  busybox-static cpio kmod dropbear-bin xz-utils zstd dpkg-dev
  gcc libc6-dev make gcc-aarch64-linux-gnu libc6-dev-arm64-cross flex bison bc libssl-dev libelf-dev dwarves
  linux-source-6.1 linux-source-6.12
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${1:-}" = --check ]; then
  # Exit status says whether anything is missing; nothing is changed.
  [ "${#missing[@]}" = 0 ] && dpkg --print-foreign-architectures | grep -qx arm64 \
    && grep -rqs -e '^Types:.*deb-src' -e '^deb-src ' /etc/apt/sources.list /etc/apt/sources.list.d/
  exit
fi

if [ "$(id -u)" != 0 ]; then
  echo "setup-host: run as root (it installs Debian packages)" >&2
  exit 2
fi

changed=0
# arm64 guest images are made of arm64 Debian packages (busybox, dropbear, libraries, kernels).
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  echo "setup-host: enabling the arm64 architecture for guest packages" >&2
  dpkg --add-architecture arm64
  changed=1
fi

# The guests' SSH server is built from its Debian source package (qemu/initramfs/recipe.yaml):
# apt needs the source indexes of the Debian archives this host already uses.
if ! grep -rqs -e '^Types:.*deb-src' -e '^deb-src ' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  echo "setup-host: adding source indexes (deb-src) for the host's Debian archives" >&2
  src=$(for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk 'BEGIN { RS = ""; ORS = "\n\n" }
         /(^|\n)Types:[^\n]*deb/ && /(^|\n)URIs:[^\n]*\/debian(-security)?\/?(\n|$)/ {
           sub(/Types:[^\n]*/, "Types: deb-src"); print }' "$f"
  done)
  [ -z "$src" ] || printf '%s\n' "$src" > /etc/apt/sources.list.d/lifelab-deb-src.sources
  if [ -f /etc/apt/sources.list ]; then
    sed -n -E 's#^deb (\[[^]]*\] )?([a-z]+://[^ ]*/debian(-security)?/? )#deb-src \1\2#p' /etc/apt/sources.list \
      > /etc/apt/sources.list.d/lifelab-deb-src.list
    [ -s /etc/apt/sources.list.d/lifelab-deb-src.list ] || rm -f /etc/apt/sources.list.d/lifelab-deb-src.list
  fi
  changed=1
fi

if [ "$changed" = 1 ] || [ "${#missing[@]}" -gt 0 ] || ! apt-cache policy busybox-static:arm64 | grep -q 'Candidate: [0-9]'; then
  echo "setup-host: apt-get update" >&2
  apt-get update -q >&2
fi
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup-host: installing ${missing[*]}" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
fi
echo "setup-host: host ready" >&2
