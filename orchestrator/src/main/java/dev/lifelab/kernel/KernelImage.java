package dev.lifelab.kernel;

import java.nio.file.Path;

/**
 * A kernel ready to boot: the image, its modules and what it is.
 *
 * @param spec what the user asked for, e.g. {@code debian:6.1}, {@code debian-src:6.1}, a path
 * @param arch {@code arm64} or {@code x86_64}
 * @param release kernel release string ({@code uname -r}), e.g. {@code 6.1.0-47-arm64}
 * @param image arm64 {@code Image} or x86 {@code bzImage}/{@code vmlinuz}
 * @param modulesDir {@code lib/modules/RELEASE} (with modules.dep), or null for a kernel without
 *     modules
 * @param config the kernel's .config, or null when unknown
 * @param source where it came from, e.g. {@code linux-image-6.1.0-47-arm64-unsigned 6.1.192-1},
 *     {@code linux-source-6.1 6.1.192 + lifetime-debug}, {@code git v6.12-rc1-23-gabc}
 * @param configHash first 12 hex digits of the sha256 of the .config, or null
 */
public record KernelImage(
    String spec,
    String arch,
    String release,
    Path image,
    Path modulesDir,
    Path config,
    String source,
    String configHash) {}
