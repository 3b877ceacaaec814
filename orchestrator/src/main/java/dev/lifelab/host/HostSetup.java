package dev.lifelab.host;

import dev.lifelab.common.Project;
import dev.lifelab.common.UserError;
import java.io.IOException;
import java.nio.file.Path;

/** Makes sure the host has what lifelab needs, by running {@code scripts/setup-host.sh}. */
public final class HostSetup {
  private HostSetup() {}

  /** Installs what is missing (needs root); does nothing when all is there. */
  public static void ensure() {
    Path script = Project.home().resolve("scripts/setup-host.sh");
    if (run(script, "--check") == 0) {
      return;
    }
    if (run(script) != 0) {
      throw new UserError("host set-up failed: " + script + " (run it as root and read its output)");
    }
  }

  private static int run(Path script, String... args) {
    String[] cmd = new String[args.length + 1];
    cmd[0] = script.toString();
    System.arraycopy(args, 0, cmd, 1, args.length);
    try {
      return new ProcessBuilder(cmd).inheritIO().start().waitFor();
    } catch (IOException e) {
      throw new UserError("cannot run " + script + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted during host set-up");
    }
  }
}
