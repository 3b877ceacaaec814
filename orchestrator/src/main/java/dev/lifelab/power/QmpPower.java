package dev.lifelab.power;

import dev.lifelab.common.Checks;
import dev.lifelab.target.qemu.QmpClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Power of a QEMU machine that stands in for a board and runs all the time: "off" stops its
 * CPUs, "on" resets the machine and lets it run, so it comes up through its firmware as a board
 * does. One QMP connection per operation (QEMU serves one client at a time).
 */
public final class QmpPower implements PowerControl {

  /** @param socket QEMU's {@code -qmp unix:PATH,server=on,wait=off} socket */
  public record Spec(Path socket) implements PowerSpec {
    @Override
    public void check(Checks c) {
      c.require(socket != null && socket.isAbsolute(), "socket", "is required: the absolute path of QEMU's QMP socket");
    }

    @Override
    public PowerControl create(Context context) {
      return new QmpPower(socket);
    }
  }

  private final Path socket;

  public QmpPower(Path socket) {
    this.socket = socket;
  }

  @Override
  public void on() throws PowerException {
    execute("system_reset", "cont");
  }

  @Override
  public void off() throws PowerException {
    execute("stop");
  }

  @Override
  public void cycle() throws PowerException {
    execute("stop", "system_reset", "cont");
  }

  private void execute(String... commands) throws PowerException {
    try (QmpClient qmp = QmpClient.connect(socket, Duration.ofSeconds(5))) {
      for (String c : commands) {
        qmp.execute(c);
      }
    } catch (IOException e) {
      throw new PowerException("QMP at " + socket + ": " + e.getMessage() + " (is the QEMU running?)", e);
    }
  }
}
