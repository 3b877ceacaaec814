package dev.lifelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifelab.common.Project;
import dev.lifelab.it.Lab;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The boot command as a user runs it: a separate JVM, exit codes, run directory. */
class BootCommandIT {
  @TempDir Path out;

  @Test
  void bootsRunsTheCommandAndLeavesTheRunRecords() throws Exception {
    Result r = lifelab("boot", "--target", "qemu-arm64-virt", "--kernel", "debian:6.1", "--out", out.toString(),
        "--", "uname", "-r");
    assertThat(r.exitCode).as(r.stderr).isZero();
    assertThat(r.stdout.trim()).matches("6\\.1\\.0-\\d+-arm64");
    Path run;
    try (var s = Files.list(out)) {
      run = s.findFirst().orElseThrow();
    }
    assertThat(run.resolve("console.log")).content().contains("lifelab-guest: ssh ready");
    assertThat(run.resolve("dmesg.txt")).content().contains("Linux version 6.1.");
    assertThat(run.resolve("timings.json")).content().contains("sshReadyMillis").contains("kernelInitSeconds");
  }

  @Test
  void aLocalKernelImageWithItsModulesDirectoryBoots() throws Exception {
    dev.lifelab.kernel.KernelImage debian = dev.lifelab.kernel.Kernels.resolve("debian:6.1", dev.lifelab.kernel.Arch.X86_64);
    Path local = out.resolve("my-kernel");
    Files.createDirectories(local);
    Files.copy(debian.image(), local.resolve("bzImage"));
    Result r = lifelab("boot", "--target", "qemu-x86_64-q35", "--kernel", local.resolve("bzImage").toString(),
        "--modules", debian.modulesDir().toString(), "--out", out.resolve("runs").toString(),
        "--", "uname -r; ls /dev/i2c-0");
    assertThat(r.exitCode).as(r.stderr).isZero();
    assertThat(r.stdout).contains(debian.release()).contains("/dev/i2c-0");
  }

  @Test
  void aMissingKernelFileIsAnInfraErrorNamingIt() throws Exception {
    Result r = lifelab("boot", "--target", "qemu-arm64-virt", "--kernel", "/no/such/Image", "--out", out.toString());
    assertThat(r.exitCode).isEqualTo(2);
    assertThat(r.stderr).contains("/no/such/Image").contains("no such file");
  }

  @Test
  void theCommandsExitCodeIsLifelabsExitCode() throws Exception {
    Result r = lifelab("boot", "--target", "qemu-x86_64-q35", "--kernel", "debian:6.1", "--out", out.toString(),
        "--", "exit 7");
    assertThat(r.exitCode).as(r.stderr).isEqualTo(7);
  }

  @Test
  void ctrlCLeavesNoQemuBehind() throws Exception {
    Process p = start("boot", "--target", "qemu-arm64-virt", "--kernel", "debian:6.1", "--out", out.toString(),
        "--", "sleep", "300");
    long qemuPid = -1;
    try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
      Pattern started = Pattern.compile("QEMU \\S+ started \\(pid (\\d+)\\)");
      for (String line; (line = err.readLine()) != null; ) {
        Matcher m = started.matcher(line);
        if (m.find()) {
          qemuPid = Long.parseLong(m.group(1));
        }
        if (line.contains("ready: SSH after")) {
          break;
        }
      }
      assertThat(qemuPid).isPositive();
      new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    long pid = qemuPid;
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }

  record Result(int exitCode, String stdout, String stderr) {}

  /**
   * Starts lifelab as from a terminal. A shell that runs a job in the background ignores SIGINT
   * for it, and the job's children inherit that: without the reset, Ctrl-C tests started from
   * such a job would send a signal the JVM never sees.
   */
  static Process start(String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("env", "--default-signal=INT", "java", "-jar", Lab.jar().toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("LIFELAB_HOME", Project.home().toString());
    return pb.start();
  }

  static Result lifelab(String... args) throws Exception {
    Process p = start(args);
    p.getOutputStream().close();
    var err = new java.util.concurrent.CompletableFuture<String>();
    Thread t = new Thread(() -> {
      try {
        err.complete(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        err.complete("");
      }
    });
    t.start();
    String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(10, TimeUnit.MINUTES);
    return new Result(p.exitValue(), stdout, err.get());
  }
}
