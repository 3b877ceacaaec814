package dev.lifelab.target.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifelab.target.BootStage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

class UBootErrorsTest {

  @Test
  void aWholeSuccessfulBootTranscriptHasNoErrorInIt() throws IOException {
    // A stand-in board's console from power on to booti, with countdown, TFTP progress and all.
    String transcript;
    try (InputStream in = getClass().getResourceAsStream("uboot-tftp-booti.log")) {
      transcript = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
    assertThat(transcript).contains("Starting kernel ...");
    assertThat(UBootErrors.find(transcript)).isEmpty();
  }

  @Test
  void aMissingFileIsATftpErrorNamingTheLineAndTheLikelyCause() {
    var found = UBootErrors.find("Load address: 0x40400000\r\nLoading: *\b\r\nTFTP error: 'File not found' (1)\r\n"
        + "Not retrying...\r\n").orElseThrow();
    assertThat(found.stage()).isEqualTo(BootStage.TFTP);
    assertThat(found.line()).isEqualTo("TFTP error: 'File not found' (1)");
    assertThat(found.describe()).isEqualTo("U-Boot said 'TFTP error: 'File not found' (1)': the file is not where the "
        + "TFTP server looks (is tftp-root the directory the server serves?)");
  }

  @Test
  void theWaitingPatternsMatchAFailureLineOnlyOnceItHasEnded() {
    String piece = "Loading: *\b\r\nTFTP error: 'File n";
    String whole = piece + "ot found' (1)\r\n";
    assertThat(UBootErrors.patterns()).noneMatch(p -> p.matcher(piece).find());
    var matched = Arrays.stream(UBootErrors.patterns()).map(p -> p.matcher(whole))
        .filter(Matcher::find).findFirst().orElseThrow();
    assertThat(UBootErrors.find(matched.group()).orElseThrow().hint()).contains("tftp-root");
  }

  @Test
  void aServerThatDoesNotAnswerIsATftpError() {
    var found = UBootErrors.find("Loading: T T T T T T T T T T \r\nRetry count exceeded; starting again\r\n").orElseThrow();
    assertThat(found.stage()).isEqualTo(BootStage.TFTP);
    assertThat(found.line()).isEqualTo("Retry count exceeded; starting again");
    assertThat(UBootErrors.find("ARP Retry count exceeded; starting again").orElseThrow().hint())
        .contains("server-ip");
  }

  @Test
  void otherTftpErrorsAndMissingNetworkSettingsAreTftpErrors() {
    assertThat(UBootErrors.find("TFTP error: 'Access violation' (2)").orElseThrow().hint()).contains("refused");
    assertThat(UBootErrors.find("TFTP error: 'Disk full or allocation exceeded' (3)").orElseThrow().stage())
        .isEqualTo(BootStage.TFTP);
    assertThat(UBootErrors.find("*** ERROR: `serverip' not set").orElseThrow().stage()).isEqualTo(BootStage.TFTP);
    assertThat(UBootErrors.find("ethernet@e6800000 Waiting for PHY auto negotiation to complete....... TIMEOUT !")
        .orElseThrow().hint()).contains("no Ethernet link");
  }

  @Test
  void whatBootiRejectsIsAKernelStartError() {
    assertThat(UBootErrors.find("=> booti 0x40400000 - ${fdtcontroladdr}\r\nBad Linux ARM64 Image magic!\r\n")
        .orElseThrow()).satisfies(f -> {
          assertThat(f.stage()).isEqualTo(BootStage.KERNEL_START);
          assertThat(f.line()).isEqualTo("Bad Linux ARM64 Image magic!");
          assertThat(f.hint()).contains("not an uncompressed arm64 Image");
        });
    assertThat(UBootErrors.find("ERROR: Did not find a cmdline Flattened Device Tree\r\nCould not find a valid device tree")
        .orElseThrow()).satisfies(f -> {
          assertThat(f.stage()).isEqualTo(BootStage.KERNEL_START);
          assertThat(f.hint()).contains("fdt-addr");
        });
    assertThat(UBootErrors.find("Wrong Ramdisk Image Format").orElseThrow().stage()).isEqualTo(BootStage.KERNEL_START);
  }

  @Test
  void theFirstFailureOnTheConsoleIsTheOneReported() {
    var found = UBootErrors.find("Unknown command 'tftpboot' - try 'help'\r\nBad Linux ARM64 Image magic!\r\n")
        .orElseThrow();
    assertThat(found.stage()).isEqualTo(BootStage.BOOTLOADER);
    assertThat(found.line()).isEqualTo("Unknown command 'tftpboot' - try 'help'");
  }
}
