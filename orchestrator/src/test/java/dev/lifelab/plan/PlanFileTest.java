package dev.lifelab.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifelab.common.Project;
import dev.lifelab.common.UserError;
import dev.lifelab.plan.step.IoStep;
import dev.lifelab.plan.step.SysctlStep;
import dev.lifelab.plan.step.UnbindStep;
import dev.lifelab.result.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanFileTest {
  @TempDir Path dir;

  @Test
  void everyShippedPlanLoads() throws IOException {
    try (Stream<Path> plans = Files.list(Project.home().resolve("testplans"))) {
      assertThat(plans.filter(p -> p.toString().endsWith(".yaml")).map(PlanFile::load))
          .extracting(pf -> pf.plan().name())
          .contains("i2c-unbind-while-open", "virtio-mmio-unbind-while-open", "uart-unbind-while-open",
              "mtd-unbind-while-open");
    }
  }

  @Test
  void theI2cPlanSaysWhatItExpectsAndHowLongTheUnbindMayTake() {
    Plan p = PlanFile.load(Project.home().resolve("testplans/i2c-unbind-while-open.yaml")).plan();
    assertThat(p.expectationFor("6.1.0-47-amd64").verdict()).isEqualTo(Verdict.HANG);
    assertThat(p.expectationFor("6.1.0-47-amd64").in()).isEqualTo("i2c_del_adapter");
    assertThat(p.steps()).filteredOn(s -> s instanceof UnbindStep).singleElement()
        .extracting(s -> ((UnbindStep) s).timeout()).isEqualTo(Duration.ofSeconds(12));
    assertThat(p.steps().get(0)).isInstanceOfSatisfying(SysctlStep.class,
        s -> assertThat(s.set()).containsEntry("kernel.hung_task_timeout_secs", "5"));
  }

  @Test
  void anUnknownStepTypeNamesFileLineAndTheKnownTypes() throws IOException {
    Path f = plan("demo", """
        name: demo
        steps:
          - type: open
            name: h
            path: /dev/null
          - type: unbnd
            device: x
        """);
    assertThatThrownBy(() -> PlanFile.load(f)).isInstanceOf(UserError.class)
        .hasMessageStartingWith(f + ":6:")
        .hasMessageContaining("unknown type 'unbnd'")
        .hasMessageContaining("unbind");
  }

  @Test
  void aStepWithoutTypeIsPointedAtWithTheKnownTypes() throws IOException {
    Path f = plan("demo", """
        name: demo
        steps:
          - type: open
            name: h
            path: /dev/null
          - unbind: x
            timeout: 5s
        """);
    assertThatThrownBy(() -> PlanFile.load(f)).isInstanceOf(UserError.class)
        .hasMessageStartingWith(f + ":6:")
        .hasMessageContaining("field 'steps[1]': no 'type' given")
        .hasMessageContaining("unbind");
  }

  @Test
  void aMissingFieldIsNamedWithItsStep() throws IOException {
    Path f = plan("demo", """
        name: demo
        steps:
          - type: open
            name: h
        """);
    assertThatThrownBy(() -> PlanFile.load(f)).isInstanceOf(UserError.class)
        .hasMessageStartingWith(f + ":")
        .hasMessageContaining("field 'steps[0].path': is required");
  }

  @Test
  void aBadDurationIsRejectedWithItsLine() throws IOException {
    Path f = plan("demo", """
        name: demo
        steps:
          - type: sleep
            duration: soon
        """);
    assertThatThrownBy(() -> PlanFile.load(f)).isInstanceOf(UserError.class)
        .hasMessageStartingWith(f + ":4:")
        .hasMessageContaining("'soon' is not a duration");
  }

  @Test
  void anUnknownFieldIsRejected() throws IOException {
    Path f = plan("demo", """
        name: demo
        steps:
          - type: sleep
            duration: 1s
            repeat: 3
        """);
    assertThatThrownBy(() -> PlanFile.load(f)).isInstanceOf(UserError.class)
        .hasMessageStartingWith(f + ":5:")
        .hasMessageContaining("unknown field 'repeat'");
  }

  @Test
  void closingAHolderThatIsNotOpenPointsAtTheStep() throws IOException {
    Path f = plan("demo", """
        name: demo
        steps:
          - type: sleep
            duration: 1s
          - type: close
            name: holder
        """);
    assertThatThrownBy(() -> PlanFile.load(f)).isInstanceOf(UserError.class)
        .hasMessage(f + ":5:5: field 'steps[1]': holder 'holder' is not open at this step");
  }

  @Test
  void aDeviceTheStepsNeedMustBeDefined() throws IOException {
    Path f = plan("demo", """
        name: demo
        devices:
          smbus: {bus: pci, driver: i801_smbus}
        steps:
          - type: unbind
            device: smbsu
        """);
    assertThatThrownBy(() -> PlanFile.load(f)).isInstanceOf(UserError.class)
        .hasMessageStartingWith(f + ":6:")
        .hasMessageContaining("unknown device 'smbsu'");
  }

  @Test
  void templatesMustNameADefinedDeviceAndAttribute() throws IOException {
    Path f = plan("demo", """
        name: demo
        devices:
          flash: {bus: platform, driver: physmap-flash}
        steps:
          - type: shell
            command: cat ${flash.sysfs}/uevent
        """);
    assertThatThrownBy(() -> PlanFile.load(f)).isInstanceOf(UserError.class)
        .hasMessageContaining("${flash.sysfs}");
  }

  @Test
  void devicesThatReferToEachOtherInACircleAreRejected() throws IOException {
    Path f = plan("demo", """
        name: demo
        devices:
          a: {class: tty, parent: b}
          b: {bus: pnp, child: a}
        steps:
          - type: sleep
            duration: 1s
        """);
    assertThatThrownBy(() -> PlanFile.load(f)).isInstanceOf(UserError.class)
        .hasMessageContaining("circle");
  }

  @Test
  void ioTakesExactlyOneOperation() throws IOException {
    Path f = plan("demo", """
        name: demo
        steps:
          - type: open
            name: h
            path: /dev/null
          - type: io
            holder: h
            read: 4
            write: abc
        """);
    assertThatThrownBy(() -> PlanFile.load(f)).isInstanceOf(UserError.class)
        .hasMessageContaining("exactly one of read");
  }

  @Test
  void theFileNameAndThePlanNameAgree() throws IOException {
    Path f = plan("other", """
        name: demo
        steps:
          - type: sleep
            duration: 1s
        """);
    assertThatThrownBy(() -> PlanFile.load(f)).isInstanceOf(UserError.class)
        .hasMessageContaining("differs from the file name 'other'");
  }

  @Test
  void ioWriteDataIsOneQuotedShellWord() throws IOException {
    Path f = plan("demo", """
        name: demo
        steps:
          - type: open
            name: h
            path: /dev/null
            mode: write
          - type: io
            holder: h
            write: "x'; reboot; echo '"
        """);
    IoStep io = (IoStep) PlanFile.load(f).plan().steps().get(1);
    assertThat(io.holderCommand(null)).isEqualTo("printf %s 'x'\\''; reboot; echo '\\''' >&3");
  }

  private Path plan(String name, String yaml) throws IOException {
    Path f = dir.resolve(name + ".yaml");
    Files.writeString(f, yaml);
    return f;
  }
}
