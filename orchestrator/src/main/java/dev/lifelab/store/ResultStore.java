package dev.lifelab.store;

import dev.lifelab.common.Json;
import dev.lifelab.common.UserError;
import dev.lifelab.kernellog.Finding;
import dev.lifelab.result.RunResult;
import dev.lifelab.result.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The results store: every run's RunResult, its findings, hangs and step timings, in an
 * embedded SQLite file or a shared PostgreSQL database.
 *
 * <p>Each write is one transaction. A run is first recorded incomplete ({@link #recordStarted})
 * and completed by {@link #recordFinished}; a run whose process died in between stays visible as
 * incomplete. Several lifelab processes may write to one store at once. One instance is meant
 * for one thread at a time; its methods are synchronized for safety.
 */
public final class ResultStore implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ResultStore.class);

  private final StoreLocation location;
  private final Connection connection;
  private final int schemaVersion;

  private ResultStore(StoreLocation location, Connection connection, int schemaVersion) {
    this.location = location;
    this.connection = connection;
    this.schemaVersion = schemaVersion;
  }

  /**
   * Opens (creating and migrating as needed) the store at {@code urlOrPath}: a {@code
   * jdbc:sqlite:FILE} or {@code jdbc:postgresql://...} URL, or a plain SQLite file path. Null or
   * blank means {@code $LIFELAB_STORE}, else {@link #defaultSqliteFile()}.
   *
   * @throws UserError when the store cannot be opened or was written by a newer lifelab
   */
  public static ResultStore open(String urlOrPath) {
    return open(StoreLocation.resolve(urlOrPath), Migrations.LATEST);
  }

  /** Opens the store, migrating it only up to {@code version}; for tests of migrations. */
  static ResultStore open(StoreLocation location, int version) {
    Connection c;
    try {
      location.prepare();
      c = connectWithRetry(location);
    } catch (SQLException e) {
      throw new UserError("cannot open results store " + location.display() + ": "
          + e.getMessage(), e);
    }
    try {
      int v = Migrator.migrate(c, location.dialect(), version, location.display());
      log.debug("results store {} at schema version {}", location.display(), v);
      return new ResultStore(location, c, v);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(c);
      if (e instanceof UserError u) {
        throw u;
      }
      throw new UserError("cannot prepare results store " + location.display() + ": "
          + e.getMessage(), e);
    }
  }

  private static Connection connectWithRetry(StoreLocation location) throws SQLException {
    // Opening SQLite in WAL mode briefly needs the lock that another process may hold.
    long deadline = System.currentTimeMillis() + Tx.GIVE_UP_AFTER_MS;
    while (true) {
      try {
        return location.dialect().connect(location.url());
      } catch (SQLException e) {
        if (!location.dialect().isRetryable(e) || System.currentTimeMillis() > deadline) {
          throw e;
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** The SQLite file used when neither {@code --store} nor {@code $LIFELAB_STORE} is given. */
  public static Path defaultSqliteFile() {
    return StoreLocation.defaultSqliteFile();
  }

  /** The store's URL for messages, with any password masked. */
  public String displayName() {
    return location.display();
  }

  /** Schema version the store is at. */
  public int schemaVersion() {
    return schemaVersion;
  }

  /**
   * Records a run that has begun, marked incomplete. Calling it again for the same run updates
   * the incomplete row; a run already recorded complete is left as it is.
   */
  public synchronized void recordStarted(RunResult result) {
    requireId(result);
    boolean written = write("record start of " + result.runId(), c ->
        RunRows.upsertRun(c, result, false, true, Instant.now()));
    if (!written) {
      log.warn("run {} is already recorded complete; not marking it started again", result.runId());
    }
  }

  /**
   * Records the final state of a run in one transaction: its row, findings, hangs and step
   * timings replace whatever was recorded for it before. A result whose {@code complete} flag is
   * false (an interrupted run) stays marked incomplete.
   */
  public synchronized void recordFinished(RunResult result) {
    requireId(result);
    write("record " + result.runId(), c -> {
      RunRows.upsertRun(c, result, result.complete(), false, Instant.now());
      RunRows.replaceChildren(c, result);
      return null;
    });
  }

  /** Replaces a run's findings, e.g. after {@code analyze} ran again; the verdict is kept. */
  public void updateFindings(String runId, List<Finding> findings) {
    updateFindings(runId, findings, null);
  }

  /**
   * Replaces a run's findings and, when {@code verdict} is not null, its verdict.
   *
   * @throws UserError when the store has no run with this id
   */
  public synchronized void updateFindings(String runId, List<Finding> findings, Verdict verdict) {
    Objects.requireNonNull(runId, "runId");
    boolean found = write("update findings of " + runId, c -> {
      // Touching the run row first takes its row lock, so concurrent updates of one run queue up.
      if (!RunRows.touchAnalyzed(c, runId, verdict, Instant.now())) {
        return false;
      }
      RunRows.replaceFindings(c, runId, findings);
      return true;
    });
    if (!found) {
      throw new UserError("no run " + runId + " in results store " + location.display());
    }
  }

  /** Records the results.json of an existing run directory (or the given results.json file). */
  public RunResult importRunDir(Path dirOrFile) {
    Path file = Files.isDirectory(dirOrFile) ? dirOrFile.resolve("results.json") : dirOrFile;
    if (!Files.isRegularFile(file)) {
      throw new UserError("no results.json in " + dirOrFile);
    }
    RunResult read = Json.read(file, RunResult.class);
    if (read.runId() == null || read.runId().isBlank()) {
      throw new UserError(file + ": no runId");
    }
    // The directory may have moved since the run; where it is now is what links should use.
    String dir = file.toAbsolutePath().normalize().getParent().toString();
    RunResult r = new RunResult(read.schema(), read.runId(), read.startedAt(), read.endedAt(),
        read.host(), read.target(), read.kernel(), read.plan(), read.verdict(), read.asExpected(),
        read.summary(), read.findings(), read.hangs(), read.infraError(), read.steps(),
        read.complete(), dir);
    recordFinished(r);
    return r;
  }

  /** The runs matching {@code q}, oldest first, each with its findings, hangs and steps. */
  public synchronized List<RunResult> query(StoreQuery q) {
    return read("query", c -> RunReader.query(c, q, null));
  }

  public synchronized Optional<RunResult> get(String runId) {
    return read("get " + runId,
        c -> RunReader.query(c, StoreQuery.all(), runId).stream().findFirst());
  }

  @Override
  public synchronized void close() {
    closeQuietly(connection);
  }

  private <T> T write(String what, Tx.Work<T> work) {
    try {
      return Tx.run(connection, location.dialect(), what, work);
    } catch (SQLException e) {
      throw new UserError("results store " + location.display() + ": cannot " + what + ": "
          + e.getMessage(), e);
    }
  }

  private <T> T read(String what, Tx.Work<T> work) {
    try {
      return Tx.read(connection, location.dialect(), what, work);
    } catch (SQLException e) {
      throw new UserError("results store " + location.display() + ": cannot " + what + ": "
          + e.getMessage(), e);
    }
  }

  private static void requireId(RunResult r) {
    if (r == null || r.runId() == null || r.runId().isBlank()) {
      throw new IllegalArgumentException("a run result needs a runId");
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      log.debug("closing results store: {}", e.getMessage());
    }
  }
}
