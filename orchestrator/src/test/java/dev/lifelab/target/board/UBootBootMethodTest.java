package dev.lifelab.target.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifelab.common.Project;
import dev.lifelab.target.TargetSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class UBootBootMethodTest {
  static BoardTargetSpec salvator() {
    return (BoardTargetSpec) TargetSpec.load(Project.home().resolve("targets/salvator-xs-h3.yaml"));
  }

  @Test
  void aStaticAddressGivesUBootTheBoardsAddressNetmaskGatewayAndTheServer() {
    BoardTargetSpec b = salvator();
    assertThat(new UBootBootMethod(b.boot(), b.network()).networkCommands()).containsExactly(
        "setenv ipaddr 192.168.10.51", "setenv netmask 255.255.255.0", "setenv gatewayip 192.168.10.1",
        "setenv serverip 192.168.10.1", "setenv netretry no");
  }

  @Test
  void dhcpAsksForAnAddressWithoutLoadingWhatTheServerOffers() {
    BoardTargetSpec b = salvator();
    BoardTargetSpec.Boot dhcp = new BoardTargetSpec.Boot("uboot", b.boot().tftpRoot(), "192.168.10.1", "dhcp",
        b.boot().kernelAddr(), b.boot().fdtAddr(), b.boot().initrdAddr(), b.boot().dtb(), null, null, null, null,
        null, null, null);
    assertThat(new UBootBootMethod(dhcp, b.network()).networkCommands())
        .containsExactly("setenv autoload no; dhcp", "setenv serverip 192.168.10.1", "setenv netretry no");
  }

  @Test
  void theBoardsKernelCommandLineCarriesConsoleBaudAndNetwork() {
    assertThat(BoardTarget.bootargs(salvator(), "")).isEqualTo(
        "console=ttySC0,115200 panic=-1 quiet lifelab.ip=192.168.10.51/24 lifelab.gw=192.168.10.1");
  }

  @Test
  void longBootargsAreSetInPiecesThatFitUBootsCommandLine() {
    String args = "console=ttySC0,921600 panic=-1 quiet " + "ignore_loglevel ".repeat(20) + "lifelab.ip=1.2.3.4/24";
    List<String> cmds = UBootBootMethod.bootargsCommands(args);
    assertThat(cmds).hasSizeGreaterThan(1);
    assertThat(cmds.get(0)).startsWith("setenv bootargs console=ttySC0,921600 panic=-1 quiet");
    assertThat(cmds.subList(1, cmds.size())).allMatch(c -> c.startsWith("setenv bootargs ${bootargs} "));
    assertThat(cmds).allMatch(c -> c.length() <= 200);
    assertThat(String.join(" ", cmds).replaceAll("setenv bootargs (\\$\\{bootargs\\} )?", "").replaceAll("\\s+", " ").trim())
        .isEqualTo(args.replaceAll("\\s+", " ").trim());
  }

  @Test
  void argumentsThatUBootsShellWouldInterpretAreRefused() {
    assertThatThrownBy(() -> UBootBootMethod.bootargsCommands("console=ttySC0 foo=$bar"))
        .hasMessageContaining("must not contain ; $ quotes or backslashes");
    assertThatThrownBy(() -> UBootBootMethod.bootargsCommands("a; reset")).isInstanceOf(IllegalArgumentException.class);
  }
}
