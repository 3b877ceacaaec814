package dev.lifelab.target.board;

import dev.lifelab.host.DebianArchive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files of one boot in the lab's TFTP root, under {@code lifelab/RUN/}, readable by the TFTP
 * server (which usually runs as its own user), removed again on close.
 */
public final class TftpStaging implements AutoCloseable {
  private final Path root;
  private final Path dir;
  private final Map<String, String> names = new LinkedHashMap<>();

  private TftpStaging(Path root, Path dir) {
    this.root = root;
    this.dir = dir;
  }

  /**
   * Copies {@code files} (name in the TFTP root → file on the host) into {@code root/lifelab/RUN/}.
   *
   * @param run a name for this boot; reduced to characters U-Boot's tftpboot takes as they are
   */
  public static TftpStaging stage(Path root, String run, Map<String, Path> files) throws IOException {
    String id = runId(run);
    Path dir = root.resolve("lifelab").resolve(id);
    Files.createDirectories(dir);
    TftpStaging s = new TftpStaging(root, dir);
    try {
      for (Path d = dir; d != null && !d.equals(root); d = d.getParent()) {
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
      for (Map.Entry<String, Path> f : files.entrySet()) {
        Path target = dir.resolve(f.getKey());
        Files.copy(f.getValue(), target, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
        s.names.put(f.getKey(), root.relativize(target).toString());
      }
      return s;
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  /** A ':' would make tftpboot read "server:file"; long names overflow U-Boot's buffers. */
  static String runId(String run) {
    String id = run.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[.-]+", "");
    return id.length() > 60 ? id.substring(0, 60) : id;
  }

  /** The name U-Boot asks the TFTP server for, e.g. {@code lifelab/RUN/Image}. */
  public String name(String file) {
    String n = names.get(file);
    if (n == null) {
      throw new IllegalArgumentException("not staged: " + file);
    }
    return n;
  }

  public Path dir() {
    return dir;
  }

  @Override
  public void close() {
    DebianArchive.deleteTree(dir);
  }
}
