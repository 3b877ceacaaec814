package dev.lifelab.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifelab.common.Cache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Looking up Debian kernel packages with the host's apt. */
class DebianArchiveIT {
  private static final Pattern ARM64_6_1 = Pattern.compile("linux-image-6\\.1\\.\\d+-\\d+-arm64-unsigned");

  @Test
  void lookupsShareOneBinaryPackageCacheInLifelabsCache() throws Exception {
    Path pkgcache = Cache.root().resolve("apt/pkgcache.bin");
    Files.deleteIfExists(pkgcache);
    List<String> names = DebianArchive.packageNames("linux-image-6.1.", ARM64_6_1);
    assertThat(names).isNotEmpty().allMatch(n -> ARM64_6_1.matcher(n).matches());
    assertThat(pkgcache).isRegularFile();
    FileTime built = Files.getLastModifiedTime(pkgcache);

    // A second lookup reads the file apt wrote, rather than parsing the package lists again.
    String newest = names.stream().max(dev.lifelab.common.NaturalOrder.INSTANCE).orElseThrow();
    assertThat(DebianArchive.candidateVersion(newest)).matches("6\\.1\\.\\d+-\\d+");
    assertThat(DebianArchive.packageNames("linux-image-6.1.", ARM64_6_1)).isEqualTo(names);
    assertThat(Files.getLastModifiedTime(pkgcache)).isEqualTo(built);
  }
}
