package dev.lifelab.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifelab.it.BootedTarget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.session.ConnectionService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The guest's SSH server with several channels on one connection, as plans use it. */
class GuestSshChannelsIT {
  @RegisterExtension
  static final BootedTarget guest = new BootedTarget("qemu-x86_64-q35", "debian:6.1");

  /**
   * A channel is opened, and only after another channel's command has ended does its own command
   * follow: a step that starts just as a hung unbind returns. The second command must still run
   * and report its exit status.
   */
  @Test
  void aCommandThatStartsAsAnotherEndsReportsItsExitStatus() throws Exception {
    ClientSession session = ((SshShell) guest.target().shell()).session();
    ChannelExec first = session.createExecChannel("sleep 0.5; exit 7");
    first.open().verify(Duration.ofSeconds(15));
    ChannelExec second = new ChannelExec("echo started; exit 3", null, null) {
      @Override
      protected void doOpen() throws IOException {
        // The server has the channel open; its command is asked for once the first has ended.
        try {
          Thread.sleep(1500);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        super.doOpen();
      }
    };
    ByteArrayOutputStream secondOut = new ByteArrayOutputStream();
    second.setOut(secondOut);
    session.getService(ConnectionService.class).registerChannel(second);
    second.open().verify(Duration.ofSeconds(15));
    for (ChannelExec c : new ChannelExec[] {first, second}) {
      assertThat(c.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(15)))
          .contains(ClientChannelEvent.CLOSED);
    }
    assertThat(first.getExitStatus()).isEqualTo(7);
    assertThat(second.getExitStatus()).as("exit status of the command that started last").isEqualTo(3);
    assertThat(secondOut.toString(StandardCharsets.UTF_8)).isEqualTo("started\n");
    first.close(true);
    second.close(true);
  }
}
