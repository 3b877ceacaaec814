package dev.lifelab.target.board;

import dev.lifelab.common.Project;
import dev.lifelab.it.Lab;
import dev.lifelab.target.TargetSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** The QEMU that stands in for a board (targets/qemu-uboot-board.yaml), as the tests use it. */
final class StandIn {
  static final String TARGET = "qemu-uboot-board";
  static final Path STATE = Path.of("/tmp/lifelab-qemu-board");
  static final Path PORT = STATE.resolve("ttyUSB0");

  private StandIn() {}

  static TargetSpec target() {
    return Lab.target(TARGET);
  }

  /** The target file with {@code edit} applied, saved as {@code dir/NAME.yaml}. */
  static TargetSpec variant(Path dir, String name, UnaryOperator<String> edit) throws IOException {
    String yaml = Files.readString(Project.home().resolve("targets/" + TARGET + ".yaml"))
        .replace("name: " + TARGET, "name: " + name);
    Path file = dir.resolve(name + ".yaml");
    Files.writeString(file, edit.apply(yaml));
    return TargetSpec.load(file);
  }

  /** The stand-in's QEMU, while it is switched on. */
  static Optional<ProcessHandle> qemu() {
    try {
      return ProcessHandle.of(Long.parseLong(Files.readString(STATE.resolve("qemu.pid")).trim()))
          .filter(ProcessHandle::isAlive);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Runs the stand-in's power script, as the target's power driver does. */
  static void power(String action, String... options) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Project.home().resolve("qemu/board/qemu-board").toString(), action,
        "--state", STATE.toString()));
    cmd.addAll(List.of(options));
    Process p = new ProcessBuilder(cmd).inheritIO().start();
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("qemu-board " + action + " failed");
    }
  }

  /** Waits until {@code file} contains {@code text}. */
  static void awaitText(Path file, String text, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(file) && Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1).contains(text)) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("'" + text + "' never appeared in " + file);
  }
}
