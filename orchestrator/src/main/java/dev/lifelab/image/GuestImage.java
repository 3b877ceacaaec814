package dev.lifelab.image;

import java.nio.file.Path;
import java.util.List;

/**
 * A built initramfs for one kernel, ready to boot.
 *
 * @param initrd the cpio archive, uncompressed: an emulator loads it from the host's memory, and
 *     the kernel unpacks it without a decompression that costs it 40-90 ms under emulation
 * @param hostKey the guest SSH server's public key (OpenSSH line), pinned by the client
 * @param modules modules (by name) that the image loads at boot, in order
 * @param missingModules requested modules that the kernel does not have (neither as module nor
 *     built in)
 */
public record GuestImage(Path initrd, String hostKey, List<String> modules, List<String> missingModules) {}
