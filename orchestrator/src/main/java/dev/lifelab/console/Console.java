package dev.lifelab.console;

import java.nio.file.Path;

/**
 * A target's console: a byte stream recorded into {@code console.log}, and a way to type into
 * it. QEMU's serial on stdio and a board's serial port are consoles.
 */
public interface Console extends AutoCloseable {
  /** Everything received, with waits for patterns. */
  ConsoleRecorder recorder();

  /** Sends text to the target (for U-Boot prompts and the like). */
  void write(String text);

  default Path log() {
    return recorder().log();
  }

  @Override
  void close();
}
