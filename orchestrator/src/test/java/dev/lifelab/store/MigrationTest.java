package dev.lifelab.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifelab.common.UserError;
import dev.lifelab.result.RunResult;
import dev.lifelab.result.Verdict;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationTest {
  @TempDir Path tmp;

  @Test
  void storeAtSchemaVersionOneIsMigratedWithItsData() throws Exception {
    Path db = tmp.resolve("old.db");
    StoreLocation location = StoreLocation.resolve(db.toString());
    try (ResultStore old = ResultStore.open(location, 1)) {
      assertThat(old.schemaVersion()).isEqualTo(1);
    }
    // Rows as a version-1 store holds them: findings have no signature column yet.
    try (Connection c = DriverManager.getConnection(location.url());
        Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO runs (run_id, result_schema, started_at, target_name,"
          + " kernel_release, plan_name, verdict, complete, recorded_at, updated_at) VALUES"
          + " ('old-1', 1, '2026-01-05T02:00:00.000000000Z', 'qemu-arm64-virt',"
          + " '6.1.0-41-arm64', 'mtd-unbind', 'fail', 1, '2026-01-05T02:00:00.000000000Z',"
          + " '2026-01-05T02:00:00.000000000Z')");
      s.executeUpdate("INSERT INTO findings (run_id, idx, kind, title, start_line, end_line,"
          + " corrupted) VALUES ('old-1', 0, 'kasan',"
          + " 'KASAN: use-after-free Read in mtd_proc_show+0x2c/0x90', 10, 40, 0)");
    }

    try (ResultStore store = ResultStore.open(db.toString())) {
      assertThat(store.schemaVersion()).isEqualTo(Migrations.LATEST).isGreaterThan(1);
      RunResult r = store.get("old-1").orElseThrow();
      assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
      assertThat(r.kernel().release()).isEqualTo("6.1.0-41-arm64");
      assertThat(r.findings()).singleElement().satisfies(f ->
          assertThat(f.title()).isEqualTo("KASAN: use-after-free Read in mtd_proc_show+0x2c/0x90"));
    }
    try (Connection c = DriverManager.getConnection(location.url())) {
      assertThat(strings(c, "SELECT signature FROM findings"))
          .containsExactly("KASAN: use-after-free Read in mtd_proc_show");
      assertThat(strings(c, "SELECT version FROM schema_version ORDER BY version"))
          .containsExactly("1", "2");
    }
  }

  @Test
  void freshStoreRecordsEveryVersionOnce() throws Exception {
    Path db = tmp.resolve("new.db");
    try (ResultStore store = ResultStore.open(db.toString())) {
      assertThat(store.schemaVersion()).isEqualTo(Migrations.LATEST);
    }
    try (ResultStore again = ResultStore.open(db.toString())) {
      assertThat(again.schemaVersion()).isEqualTo(Migrations.LATEST);
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      List<String> versions = strings(c, "SELECT version FROM schema_version ORDER BY version");
      assertThat(versions).hasSize(Migrations.ALL.size()).doesNotHaveDuplicates();
    }
  }

  @Test
  void storeFromANewerLifelabIsRefused() throws Exception {
    Path db = tmp.resolve("future.db");
    try (ResultStore store = ResultStore.open(db.toString())) {
      assertThat(store.schemaVersion()).isEqualTo(Migrations.LATEST);
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        PreparedStatement ps = c.prepareStatement(
            "INSERT INTO schema_version (version, description, applied_at) VALUES (?, 'x', 'y')")) {
      ps.setInt(1, Migrations.LATEST + 1);
      ps.executeUpdate();
    }
    assertThatThrownBy(() -> ResultStore.open(db.toString()))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("schema version " + (Migrations.LATEST + 1))
        .hasMessageContaining("newer lifelab");
  }

  private static List<String> strings(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
