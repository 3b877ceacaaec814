package dev.lifelab.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentProcessesTest {
  @TempDir Path tmp;

  @Test
  void twoProcessesWritingOneNewSqliteFileLoseNothing() throws Exception {
    // The file does not exist yet: both processes also race to create the schema.
    String url = "jdbc:sqlite:" + tmp.resolve("shared/results.db");
    int runsEach = 60;
    List<String> outputs = WriterProcesses.run(url, 2, runsEach, tmp);
    assertThat(outputs).allSatisfy(o -> assertThat(o).contains("wrote " + runsEach));
    try (ResultStore store = ResultStore.open(url)) {
      WriterProcesses.assertNothingLost(store.query(StoreQuery.all()), 2, runsEach);
    }
  }
}
