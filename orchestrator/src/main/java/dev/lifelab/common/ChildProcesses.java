package dev.lifelab.common;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Every long-lived child (QEMU above all) is registered here so that Ctrl-C or an unexpected
 * exit of lifelab never leaves it running.
 */
public final class ChildProcesses {
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::killAll, "kill-children"));
  }

  private ChildProcesses() {}

  public static void register(Process p) {
    LIVE.add(p);
  }

  public static void unregister(Process p) {
    LIVE.remove(p);
  }

  /** Asks politely, then forcibly, and waits for the process and its descendants to be gone. */
  public static void stop(Process p, long graceMillis) {
    p.descendants().forEach(ProcessHandle::destroy);
    p.destroy();
    try {
      if (!p.waitFor(graceMillis, TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    LIVE.remove(p);
  }

  static void killAll() {
    for (Process p : LIVE) {
      stop(p, 1000);
    }
  }
}
