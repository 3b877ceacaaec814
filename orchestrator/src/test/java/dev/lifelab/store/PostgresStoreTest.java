package dev.lifelab.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.lifelab.kernellog.Finding;
import dev.lifelab.result.RunResult;
import dev.lifelab.result.Verdict;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store on a real PostgreSQL server, named by {@code LIFELAB_TEST_PG_URL} (see
 * scripts/start-test-postgres.sh). Each test works in a schema of its own and drops it after.
 */
class PostgresStoreTest {
  static final String ENV = "LIFELAB_TEST_PG_URL";

  @TempDir Path tmp;
  private String baseUrl;
  private String schema;
  private String url;

  @org.junit.jupiter.api.BeforeAll
  static void sayWhenSkipped() {
    String url = System.getenv(ENV);
    if (url == null || url.isBlank()) {
      System.err.println("PostgresStoreTest: " + ENV + " is not set, PostgreSQL store tests"
          + " skipped. Run scripts/start-test-postgres.sh and export the variable it prints.");
    }
  }

  @BeforeEach
  void createSchema() throws Exception {
    baseUrl = System.getenv(ENV);
    assumeThat(baseUrl)
        .as("%s is not set: PostgreSQL store tests skipped (run scripts/start-test-postgres.sh"
            + " and export the variable it prints)", ENV)
        .isNotBlank();
    schema = "lifelab_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(baseUrl); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    url = baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  @AfterEach
  void dropSchema() throws Exception {
    if (schema != null) {
      try (Connection c = DriverManager.getConnection(baseUrl); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  @Test
  void roundTripIncompleteRunsAndReanalysis() {
    RunResult r = ResultStoreTest.everything("pg-1");
    try (ResultStore store = ResultStore.open(url)) {
      assertThat(store.schemaVersion()).isEqualTo(Migrations.LATEST);
      store.recordStarted(TestRuns.started(r));
      assertThat(store.get("pg-1").orElseThrow().complete()).isFalse();
      store.recordFinished(r);
      assertThat(store.query(StoreQuery.all())).containsExactly(r);

      store.recordStarted(TestRuns.started(r));
      assertThat(store.get("pg-1")).contains(r);

      Finding w = TestRuns.finding("warning", "WARNING in mtd_device_release", 5, 9);
      store.updateFindings("pg-1", List.of(w), Verdict.FAIL);
      assertThat(store.get("pg-1").orElseThrow().findings()).containsExactly(w);
      assertThat(store.query(StoreQuery.all().withSince(Instant.parse("2027-01-01T00:00:00Z"))))
          .isEmpty();
    }
    try (ResultStore again = ResultStore.open(url)) {
      assertThat(again.query(StoreQuery.all())).hasSize(1);
    }
  }

  @Test
  void twoProcessesWritingOneDatabaseLoseNothing() throws Exception {
    int runsEach = 60;
    WriterProcesses.run(url, 2, runsEach, tmp);
    try (ResultStore store = ResultStore.open(url)) {
      WriterProcesses.assertNothingLost(store.query(StoreQuery.all()), 2, runsEach);
    }
  }
}
