package dev.lifelab.result;

/**
 * The kernel a plan ran on.
 *
 * @param spec what the user asked for ({@code debian:6.1}, {@code debian-src:6.1+lifetime-debug},
 *     a path)
 * @param release {@code uname -r} of the running guest, e.g. {@code 6.1.0-47-arm64}
 * @param version {@code uname -v}, e.g. {@code #1 SMP Debian 6.1.192-1 (2026-10-01)}
 * @param arch {@code arm64} or {@code x86_64}
 * @param configHash sha256 of the kernel's .config (first 12 hex digits), or null
 * @param source where it came from: a Debian package and its version, a source tree and its
 *     {@code git describe}
 */
public record KernelInfo(
    String spec, String release, String version, String arch, String configHash, String source) {}
