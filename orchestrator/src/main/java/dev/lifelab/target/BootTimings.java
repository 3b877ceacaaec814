package dev.lifelab.target;

import java.time.Instant;

/**
 * How long bringing the target up took, as written to {@code timings.json}. Millisecond values
 * count from {@code powerOn} on the host's clock.
 *
 * @param powerOn when QEMU was started or the board powered on
 * @param firstConsoleMillis first byte on the console
 * @param initMillis the kernel ran /init: the guest's own boot, before anything of lifelab's
 * @param initSeenMillis the guest's init announced itself on the console
 * @param sshReadyMillis SSH answered and authenticated
 * @param devicesReadyMillis the guest loaded the modules of the devices under test
 * @param kernelInitSeconds guest clock at "Run /init as init process", or null
 * @param overhead (sshReady - init) / init: what reaching a shell costs on top of the guest's
 *     own boot
 */
public record BootTimings(
    Instant powerOn,
    Long firstConsoleMillis,
    Long initMillis,
    Long initSeenMillis,
    Long sshReadyMillis,
    Long devicesReadyMillis,
    Double kernelInitSeconds,
    Double overhead) {}
