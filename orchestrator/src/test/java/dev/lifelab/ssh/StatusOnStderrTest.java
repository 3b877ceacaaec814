package dev.lifelab.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The wrapper that repeats a command's exit status on stderr, run by the shells guests have. */
class StatusOnStderrTest {
  @ParameterizedTest
  @ValueSource(strings = {"/bin/sh", "/bin/busybox"})
  void theStatusAndTheCommandsOwnStderrComeBack(String shell) throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of(shell)), shell);
    Run r = run(shell, "echo out; echo 'err # not a comment' >&2; false # a comment");
    assertThat(r.stdout).isEqualTo("out\n");
    SshShell.Stderr err = SshShell.Stderr.of(r.stderr);
    assertThat(err.text()).isEqualTo("err # not a comment\n");
    assertThat(err.status()).isEqualTo(1);
    assertThat(r.exit).isEqualTo(1);

    Run quoted = run(shell, "printf '%s' \"a'b\"; (exit 7)");
    assertThat(quoted.stdout).isEqualTo("a'b");
    assertThat(SshShell.Stderr.of(quoted.stderr)).isEqualTo(new SshShell.Stderr("", 7));
    assertThat(quoted.exit).isEqualTo(7);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/bin/sh", "/bin/busybox"})
  void aCommandThatExitsItselfKeepsItsStatusAndAddsNothing(String shell) throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of(shell)), shell);
    Run r = run(shell, "echo bye >&2; exit 97");
    assertThat(r.exit).isEqualTo(97);
    assertThat(SshShell.Stderr.of(r.stderr)).isEqualTo(new SshShell.Stderr("bye\n", null));
  }

  private record Run(String stdout, String stderr, int exit) {}

  private static Run run(String shell, String command) throws Exception {
    String wrapped = SshShell.withStatusOnStderr(command);
    ProcessBuilder pb = shell.endsWith("busybox") ? new ProcessBuilder(shell, "sh", "-c", wrapped)
        : new ProcessBuilder(shell, "-c", wrapped);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(out, err, p.waitFor());
  }
}
