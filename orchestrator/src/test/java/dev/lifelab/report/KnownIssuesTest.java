package dev.lifelab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifelab.common.UserError;
import dev.lifelab.result.RunResult;
import dev.lifelab.result.Verdict;
import dev.lifelab.store.TestRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownIssuesTest {
  @TempDir Path tmp;

  private Path file(String yaml) throws Exception {
    Path f = tmp.resolve("known.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  private static Problem finding(String title) {
    RunResult r = TestRuns.run("r", "t", "p", "6.1.0-47-arm64", Verdict.FAIL, Instant.EPOCH,
        List.of(TestRuns.finding("kasan", title, 1, 2)), List.of());
    return Problem.of(r).get(0);
  }

  private static Problem hang(String fn) {
    RunResult r = TestRuns.run("r", "t", "p", "6.1.0-47-arm64", Verdict.HANG, Instant.EPOCH,
        List.of(), List.of(TestRuns.hang(fn)));
    return Problem.of(r).get(0);
  }

  @Test
  void repositoryFileLoadsAndNamesRealIssues() {
    KnownIssues k = KnownIssues.load(ReportModelTest.REPO_KNOWN_ISSUES);
    assertThat(k.issues()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(k.issues()).allSatisfy(i -> assertThat(i.link()).startsWith("https://"));
    assertThat(k.match(hang("i2c_del_adapter"), "qemu-arm64-virt", "i2c", "6.1.0-47-arm64"))
        .map(KnownIssue::id).contains("i2c-del-adapter-waits-for-open-dev");
    assertThat(k.match(finding("INFO: task hung in i2c_del_adapter"), "x", "y", "6.12.107"))
        .map(KnownIssue::id).contains("i2c-del-adapter-waits-for-open-dev");
    assertThat(k.match(finding("KASAN: slab-use-after-free Read in mtd_proc_show+0x2c/0x90"),
        "qemu-x86_64-q35", "mtd", "6.12.107"))
        .map(KnownIssue::id).contains("mtd-proc-show-uaf-after-physmap-unbind");
    assertThat(k.match(hang("mtd_del_partitions"), "t", "p", "6.1")).isEmpty();
  }

  @Test
  void kernelRangeTargetsAndPlansLimitAMatch() throws Exception {
    KnownIssues k = KnownIssues.load(file("""
        issues:
          - id: warn-range
            title: "WARNING in gpiochip_*"
            kernel-from: 6.1.0-50
            kernel-before: "6.12"
            targets: [qemu-*]
            plans: gpio-unbind
            link: https://lore.kernel.org/linux-gpio/?q=gpiochip_remove
            status: fixed
        """));
    Problem p = finding("WARNING in gpiochip_remove");
    assertThat(k.match(p, "qemu-arm64-virt", "gpio-unbind", "6.1.0-50-arm64")).isPresent();
    assertThat(k.match(p, "qemu-arm64-virt", "gpio-unbind", "6.1.0-47-arm64"))
        .as("older than kernel-from").isEmpty();
    assertThat(k.match(p, "qemu-arm64-virt", "gpio-unbind", "6.12.107"))
        .as("kernel-before is exclusive").isEmpty();
    assertThat(k.match(p, "qemu-arm64-virt", "gpio-unbind", "6.12-rc7"))
        .as("a release candidate of 6.12 is before 6.12").isPresent();
    assertThat(k.match(p, "rcar-h3", "gpio-unbind", "6.1.0-50-arm64")).isEmpty();
    assertThat(k.match(p, "qemu-arm64-virt", "i2c-unbind", "6.1.0-50-arm64")).isEmpty();
    assertThat(k.match(finding("WARNING in gpiod_free"), "qemu-arm64-virt", "gpio-unbind",
        "6.1.0-50-arm64")).as("glob must match the whole title").isEmpty();
    assertThat(k.issues().get(0).status()).isEqualTo(KnownIssue.Status.FIXED);
  }

  @Test
  void titleGlobAlsoMatchesTheNormalisedSignature() throws Exception {
    KnownIssues k = KnownIssues.load(file("""
        issues:
          - id: hung
            title: "INFO: task cat:N blocked for more than N seconds."
            link: https://docs.kernel.org/admin-guide/sysctl/kernel.html
            status: wontfix
        """));
    Optional<KnownIssue> m = k.match(
        finding("INFO: task cat:312 blocked for more than 120 seconds."), "t", "p", "6.1");
    assertThat(m).isPresent();
  }

  @Test
  void unknownKeyIsAnErrorWithLineColumnAndField() throws Exception {
    Path f = file("""
        issues:
          - id: a
            title: "x"
            lnk: https://example.org/
            status: open
        """);
    assertThatThrownBy(() -> KnownIssues.load(f))
        .isInstanceOf(UserError.class)
        .hasMessageStartingWith(f + ":4:5: issues[0].lnk: unknown field 'lnk'")
        .hasMessageContaining("allowed:");
  }

  @Test
  void badValuesNameTheirFieldAndPosition() throws Exception {
    String ok = "  - id: a\n    title: x\n    link: https://example.org/\n    status: open\n";
    assertThatThrownBy(() -> KnownIssues.load(file("issues:\n" + ok
        + "  - id: b\n    title: y\n    link: https://example.org/\n    status: fixd\n")))
        .hasMessageEndingWith("known.yaml:9:13: issues[1] (b).status: 'fixd' is not one of open,"
            + " fixed, wontfix");
    assertThatThrownBy(() -> KnownIssues.load(file(
        "issues:\n  - id: a\n    title-regex: \"mtd_(proc\"\n    link: https://e.org/\n"
            + "    status: open\n")))
        .hasMessageContaining("known.yaml:3:18: issues[0] (a).title-regex: not a valid regular"
            + " expression");
    assertThatThrownBy(() -> KnownIssues.load(file(
        "issues:\n  - id: a\n    title: x\n    link: lore.kernel.org/foo\n    status: open\n")))
        .hasMessageContaining("known.yaml:4:11: issues[0] (a).link: 'lore.kernel.org/foo' is"
            + " not an http(s) URL");
    assertThatThrownBy(() -> KnownIssues.load(file(
        "issues:\n  - id: a\n    title: x\n    status: open\n")))
        .hasMessageContaining("known.yaml:2:5: issues[0]: missing field 'link'");
    assertThatThrownBy(() -> KnownIssues.load(file(
        "issues:\n  - id: a\n    title: x\n    title-regex: y\n    link: https://e.org/\n"
            + "    status: open\n")))
        .hasMessageContaining("exactly one of 'title'");
    assertThatThrownBy(() -> KnownIssues.load(file(
        "issues:\n  - id: a\n    title: x\n    kernel-from: 6.12\n    kernel-before: 6.1\n"
            + "    link: https://e.org/\n    status: open\n")))
        .hasMessageContaining("known.yaml:5:20: issues[0] (a).kernel-before: '6.1' must be a"
            + " later version than kernel-from '6.12'");
    assertThatThrownBy(() -> KnownIssues.load(file("issues:\n" + ok + ok)))
        .hasMessageContaining("issue id 'a' already used at");
    assertThatThrownBy(() -> KnownIssues.load(file("issues:\n  - id: a\n    title: [x]\n")))
        .hasMessageContaining("known.yaml:3:12: issues[0].title: must be a single value");
    assertThatThrownBy(() -> KnownIssues.load(file("issue:\n  - id: a\n")))
        .hasMessageContaining("known.yaml:1:1: issue: unknown key 'issue'");
    assertThatThrownBy(() -> KnownIssues.load(file("issues:\n  - id: a\n    title: \"x\n")))
        .isInstanceOf(UserError.class)
        .hasMessageMatching("(?s).*known.yaml:[34]:\\d+: not valid YAML: .*");
  }

  @Test
  void versionsKeepTheirWrittenForm() throws Exception {
    KnownIssues k = KnownIssues.load(file("""
        issues:
          - id: a
            title: x
            kernel-from: 6.10
            link: https://e.org/
            status: open
        """));
    // Read as a YAML float 6.10 would become 6.1 and let 6.2 .. 6.9 match.
    assertThat(k.issues().get(0).kernelFrom()).isEqualTo("6.10");
    assertThat(k.match(finding("x"), "t", "p", "6.9.12")).isEmpty();
    assertThat(k.match(finding("x"), "t", "p", "6.10.3")).isPresent();
  }

  @Test
  void emptyFileHasNoIssues() throws Exception {
    assertThat(KnownIssues.load(file("")).issues()).isEmpty();
    assertThat(KnownIssues.load(file("issues:\n")).issues()).isEmpty();
    assertThatThrownBy(() -> KnownIssues.load(tmp.resolve("missing.yaml")))
        .isInstanceOf(UserError.class).hasMessageContaining("no such known-issues file");
  }
}
