package dev.lifelab.image;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Writes a cpio archive in the "newc" format the kernel unpacks as initramfs. Every entry is
 * owned by root with mtime 0, so the same inputs give the same bytes.
 */
final class CpioWriter implements Closeable {
  private static final int S_IFDIR = 0040000;
  private static final int S_IFREG = 0100000;
  private static final int S_IFLNK = 0120000;
  private static final int S_IFCHR = 0020000;

  private final OutputStream out;
  private final Set<String> written = new HashSet<>();
  private long offset;
  private int inode = 1;

  CpioWriter(OutputStream out) {
    this.out = out;
  }

  /** Adds the directory and, first, any missing parents. */
  void directory(String path, int perm) throws IOException {
    String p = normalise(path);
    if (p.isEmpty() || written.contains(p)) {
      return;
    }
    parents(p);
    entry(p, S_IFDIR | perm, 2, 0, 0, new byte[0]);
  }

  void file(String path, int perm, byte[] content) throws IOException {
    String p = normalise(path);
    parents(p);
    entry(p, S_IFREG | perm, 1, 0, 0, content);
  }

  void file(String path, int perm, Path source) throws IOException {
    file(path, perm, Files.readAllBytes(source));
  }

  void symlink(String path, String target) throws IOException {
    String p = normalise(path);
    parents(p);
    entry(p, S_IFLNK | 0777, 1, 0, 0, target.getBytes(StandardCharsets.UTF_8));
  }

  void charDevice(String path, int perm, int major, int minor) throws IOException {
    String p = normalise(path);
    parents(p);
    entry(p, S_IFCHR | perm, 1, major, minor, new byte[0]);
  }

  boolean contains(String path) {
    return written.contains(normalise(path));
  }

  @Override
  public void close() throws IOException {
    entry("TRAILER!!!", 0, 1, 0, 0, new byte[0]);
    out.close();
  }

  private void parents(String p) throws IOException {
    int slash = p.lastIndexOf('/');
    if (slash > 0) {
      directory(p.substring(0, slash), 0755);
    }
  }

  private void entry(String name, int mode, int nlink, int rdevMajor, int rdevMinor, byte[] data)
      throws IOException {
    if (!name.equals("TRAILER!!!") && !written.add(name)) {
      throw new IOException("duplicate entry in initramfs: " + name);
    }
    byte[] nameBytes = (name + "\0").getBytes(StandardCharsets.UTF_8);
    StringBuilder h = new StringBuilder("070701");
    for (long field : new long[] {
        name.equals("TRAILER!!!") ? 0 : inode++, mode, 0, 0, nlink, 0, data.length,
        0, 0, rdevMajor, rdevMinor, nameBytes.length, 0}) {
      h.append(String.format("%08x", field));
    }
    write(h.toString().getBytes(StandardCharsets.US_ASCII));
    write(nameBytes);
    pad();
    write(data);
    pad();
  }

  private void write(byte[] b) throws IOException {
    out.write(b);
    offset += b.length;
  }

  private void pad() throws IOException {
    while (offset % 4 != 0) {
      out.write(0);
      offset++;
    }
  }

  private static String normalise(String path) {
    String p = path;
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }
}
