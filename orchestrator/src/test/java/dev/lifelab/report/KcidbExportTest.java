package dev.lifelab.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifelab.common.Json;
import dev.lifelab.result.RunResult;
import dev.lifelab.result.Verdict;
import dev.lifelab.store.TestRuns;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the export against the rules of KCIDB I/O schema v4.0: required properties, id and
 * origin patterns, allowed properties (objects admit no others), status values, no nulls.
 */
class KcidbExportTest {
  private static final Pattern ORIGIN = Pattern.compile("^[a-z0-9_]+$");
  private static final Pattern ID = Pattern.compile("^[a-z0-9_]+:.*$");
  private static final Pattern PATH = Pattern.compile("^[.a-zA-Z0-9_-]*$");
  private static final Pattern ARCH = Pattern.compile("^[a-z0-9_]*$");
  private static final Set<String> CHECKOUT_KEYS = Set.of("id", "origin", "tree_name",
      "git_repository_url", "git_commit_hash", "git_commit_name", "git_repository_branch",
      "patchset_files", "patchset_hash", "message_id", "comment", "start_time", "contacts",
      "log_url", "log_excerpt", "valid", "misc");
  private static final Set<String> BUILD_KEYS = Set.of("checkout_id", "id", "origin", "comment",
      "start_time", "duration", "architecture", "command", "compiler", "input_files",
      "output_files", "config_name", "config_url", "log_url", "log_excerpt", "valid", "misc");
  private static final Set<String> TEST_KEYS = Set.of("build_id", "id", "origin", "environment",
      "path", "comment", "log_url", "log_excerpt", "status", "waived", "start_time", "duration",
      "output_files", "misc");
  private static final Set<String> STATUSES = Set.of("FAIL", "ERROR", "PASS", "DONE", "SKIP");

  @TempDir Path tmp;

  @Test
  void exportFollowsTheKcidbV4Structure() throws Exception {
    List<RunResult> runs = new ArrayList<>(ReportFixtures.runs(null));
    runs.addAll(ReportFixtures.moreTargets());
    runs.add(TestRuns.run("git-1", "qemu-arm64-virt", "plan.with.dots", "6.13.0-rc1-g1234",
        Verdict.PASS, ReportFixtures.NIGHT2, List.of(), List.of()));
    Path file = tmp.resolve("kcidb.json");
    KcidbExport.write(runs, file);
    JsonNode root = Json.mapper().readTree(file.toFile());

    assertThat(root.get("version").get("major").asInt()).isEqualTo(4);
    assertThat(root.get("version").get("minor").isInt()).isTrue();
    assertNoNulls(root, "$");

    Set<String> checkoutIds = new HashSet<>();
    for (JsonNode c : root.get("checkouts")) {
      check(c, CHECKOUT_KEYS, "id", "origin");
      assertThat(checkoutIds.add(c.get("id").asText())).as("unique checkout id").isTrue();
    }
    Set<String> buildIds = new HashSet<>();
    for (JsonNode b : root.get("builds")) {
      check(b, BUILD_KEYS, "checkout_id", "id", "origin");
      assertThat(checkoutIds).contains(b.get("checkout_id").asText());
      assertThat(b.get("architecture").asText()).matches(ARCH);
      assertThat(buildIds.add(b.get("id").asText())).as("unique build id").isTrue();
    }
    Map<String, JsonNode> tests = new HashMap<>();
    for (JsonNode t : root.get("tests")) {
      check(t, TEST_KEYS, "build_id", "id", "origin");
      assertThat(buildIds).contains(t.get("build_id").asText());
      assertThat(t.get("path").asText()).matches(PATH).startsWith("lifelab.");
      assertThat(STATUSES).contains(t.get("status").asText());
      OffsetDateTime.parse(t.get("start_time").asText());
      assertThat(t.get("duration").isNumber()).isTrue();
      if (t.has("log_excerpt")) {
        assertThat(t.get("log_excerpt").asText().length()).isLessThanOrEqualTo(16384);
      }
      Iterator<String> envKeys = t.get("environment").fieldNames();
      envKeys.forEachRemaining(k -> assertThat(k).isIn("comment", "misc"));
      tests.put(t.get("id").asText(), t);
    }

    // One test per complete run; the incomplete one is left out.
    assertThat(tests).hasSize(runs.size() - 1).doesNotContainKey("lifelab:n2-rtc-50");
    assertThat(tests.get("lifelab:n1-i2c-47").get("status").asText()).isEqualTo("PASS");
    assertThat(tests.get("lifelab:n1-i2c-50").get("status").asText()).isEqualTo("FAIL");
    assertThat(tests.get("lifelab:n2-gpio-50").get("status").asText()).isEqualTo("FAIL");
    assertThat(tests.get("lifelab:n2-spi-50").get("status").asText()).isEqualTo("ERROR");
    assertThat(tests.get("lifelab:n1-i2c-50").get("path").asText()).isEqualTo("lifelab.i2c-unbind");
    assertThat(tests.get("lifelab:git-1").get("path").asText()).isEqualTo("lifelab.plan_with_dots");
    assertThat(tests.get("lifelab:n2-gpio-50").get("log_excerpt").asText())
        .contains("gpiochip_remove");
    // The two arm64 kernels and four x86 kernels are builds of their own.
    assertThat(buildIds).hasSize(2 + 4 + 1);
  }

  @Test
  void longReportsAreCutToTheExcerptLimit() {
    String huge = "x".repeat(40_000);
    RunResult r = TestRuns.run("big", "t", "p", "6.1", Verdict.FAIL, ReportFixtures.NIGHT1,
        List.of(new dev.lifelab.kernellog.Finding("oops", "Oops", "console.log", 1, 2, List.of(),
            null, null, false, huge)), List.of());
    @SuppressWarnings("unchecked")
    Map<String, Object> test = ((List<Map<String, Object>>) KcidbExport.export(List.of(r))
        .get("tests")).get(0);
    assertThat(((String) test.get("log_excerpt")).length()).isLessThanOrEqualTo(16384);
  }

  private static void check(JsonNode o, Set<String> allowed, String... required) {
    for (String r : required) {
      assertThat(o.has(r)).as("%s has %s", o, r).isTrue();
    }
    o.fieldNames().forEachRemaining(k -> assertThat(allowed).as("allowed property").contains(k));
    assertThat(o.get("origin").asText()).matches(ORIGIN).isEqualTo("lifelab");
    assertThat(o.get("id").asText()).matches(ID).startsWith("lifelab:");
  }

  private static void assertNoNulls(JsonNode n, String where) {
    assertThat(n.isNull()).as("null at %s", where).isFalse();
    if (n.isObject()) {
      n.fields().forEachRemaining(e -> assertNoNulls(e.getValue(), where + "." + e.getKey()));
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        assertNoNulls(n.get(i), where + "[" + i + "]");
      }
    }
  }
}
