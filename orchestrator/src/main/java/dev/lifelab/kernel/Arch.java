package dev.lifelab.kernel;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Guest architectures lifelab drives, with the names each tool uses for them. */
public enum Arch {
  ARM64("arm64", "arm64", "aarch64-linux-gnu", "Image"),
  X86_64("x86_64", "amd64", "x86_64-linux-gnu", "bzImage");

  private final String kernelName;
  private final String debianName;
  private final String gnuTriplet;
  private final String imageName;

  Arch(String kernelName, String debianName, String gnuTriplet, String imageName) {
    this.kernelName = kernelName;
    this.debianName = debianName;
    this.gnuTriplet = gnuTriplet;
    this.imageName = imageName;
  }

  /** As in the kernel's ARCH= and in results: {@code arm64}, {@code x86_64}. */
  @JsonValue
  public String kernelName() {
    return kernelName;
  }

  /** Debian's architecture name: {@code arm64}, {@code amd64}. */
  public String debianName() {
    return debianName;
  }

  /**
   * CROSS_COMPILE prefix of Debian's cross compiler for this architecture on this host, or null
   * when the host's own compiler builds for it.
   */
  public String crossCompile() {
    return this == host() ? null : gnuTriplet + "-";
  }

  /** The gcc that builds programs for this architecture on this host. */
  public String gcc() {
    return tool("gcc");
  }

  /** GNU system type, as in configure's {@code --host}: {@code aarch64-linux-gnu}. */
  public String gnuTriplet() {
    return gnuTriplet;
  }

  /** The strip that goes with {@link #gcc()}. */
  public String strip() {
    return tool("strip");
  }

  private String tool(String name) {
    String prefix = crossCompile();
    return (prefix == null ? "" : prefix) + name;
  }

  /** The architecture this JVM runs on, or null when lifelab has no guests of it. */
  public static Arch host() {
    try {
      return of(System.getProperty("os.arch"));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** File name of the bootable image in the kernel tree ({@code arch/ARCH/boot/NAME}). */
  public String imageName() {
    return imageName;
  }

  @JsonCreator
  public static Arch of(String name) {
    for (Arch a : values()) {
      if (a.kernelName.equalsIgnoreCase(name) || a.debianName.equalsIgnoreCase(name)
          || (a == ARM64 && name.equalsIgnoreCase("aarch64"))) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown architecture '" + name + "' (arm64, x86_64)");
  }

  @Override
  public String toString() {
    return kernelName;
  }
}
