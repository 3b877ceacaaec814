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
    String spec, String release, String version, String arch, String configHash, String source) {

  private static final java.util.regex.Pattern DEBIAN = java.util.regex.Pattern.compile("Debian (\\d+\\.\\d+\\.\\d+)");
  private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("(?:^|\\s)(\\d+\\.\\d+\\.\\d+)");

  /**
   * The upstream version the kernel is made of, for comparing with the versions fixes landed
   * in: Debian's release {@code 6.1.0-57-arm64} is upstream {@code 6.1.192} (its {@code uname -v}
   * or package version says so); a kernel built from source has it as release.
   */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public String upstreamVersion() {
    for (String text : new String[] {version, source}) {
      if (text == null) {
        continue;
      }
      java.util.regex.Matcher m = DEBIAN.matcher(text);
      if (m.find()) {
        return m.group(1);
      }
    }
    if (source != null && source.startsWith("linux-")) {
      java.util.regex.Matcher m = NUMBER.matcher(source);
      if (m.find()) {
        return m.group(1);
      }
    }
    return release;
  }
}
