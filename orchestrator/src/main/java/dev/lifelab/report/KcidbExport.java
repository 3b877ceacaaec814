package dev.lifelab.report;

import dev.lifelab.common.Json;
import dev.lifelab.result.KernelInfo;
import dev.lifelab.result.RunResult;
import dev.lifelab.result.TargetInfo;
import dev.lifelab.result.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Export of runs in KernelCI's KCIDB I/O format (schema major version 4): a checkout per kernel
 * source, a build per kernel release, architecture and config, a test per complete run. Objects
 * carry origin {@code lifelab} and ids {@code lifelab:...}; no property is ever null (the format
 * forbids it), lifelab-specific data goes under {@code misc}.
 */
public final class KcidbExport {
  public static final String ORIGIN = "lifelab";
  public static final int MAJOR = 4;
  /** Only properties present since 4.0 are written, so every 4.x consumer accepts the output. */
  public static final int MINOR = 0;
  /** The format's limit on log_excerpt. */
  static final int MAX_EXCERPT = 16384;

  private KcidbExport() {}

  public static void write(List<RunResult> runs, Path file) {
    Json.write(file, export(runs));
  }

  /** The export as a JSON-ready map. */
  public static Map<String, Object> export(List<RunResult> runs) {
    Map<String, Map<String, Object>> checkouts = new LinkedHashMap<>();
    Map<String, Map<String, Object>> builds = new LinkedHashMap<>();
    List<Map<String, Object>> tests = new ArrayList<>();
    for (RunResult r : runs) {
      if (!r.complete() || r.verdict() == null) {
        continue; // no status to report yet
      }
      KernelInfo k = r.kernel() != null ? r.kernel()
          : new KernelInfo(null, null, null, null, null, null);
      String source = first(k.source(), k.release(), k.spec(), "unknown");
      String checkoutId = ORIGIN + ":" + slug(source) + "-" + hash(source);
      checkouts.computeIfAbsent(checkoutId, id -> checkout(id, k, source));

      String arch = k.arch() == null ? null : k.arch().toLowerCase().replaceAll("[^a-z0-9_]", "_");
      String buildKey = source + "|" + k.release() + "|" + arch + "|" + k.configHash();
      String buildId = ORIGIN + ":" + slug(first(k.release(), k.spec(), "unknown"))
          + (arch == null ? "" : "-" + arch) + "-" + hash(buildKey);
      builds.computeIfAbsent(buildId, id -> build(id, checkoutId, k, arch));
      tests.add(test(r, buildId));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("version", Map.of("major", MAJOR, "minor", MINOR));
    out.put("checkouts", List.copyOf(checkouts.values()));
    out.put("builds", List.copyOf(builds.values()));
    out.put("tests", tests);
    return out;
  }

  private static Map<String, Object> checkout(String id, KernelInfo k, String source) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("id", id);
    c.put("origin", ORIGIN);
    c.put("comment", source);
    if (source.startsWith("git ")) {
      put(c, "git_commit_name", source.substring(4).trim()); // "git v6.12-rc1-23-gabc"
    }
    c.put("valid", true);
    Map<String, Object> misc = new LinkedHashMap<>();
    put(misc, "source", k.source());
    put(misc, "spec", k.spec());
    if (!misc.isEmpty()) {
      c.put("misc", misc);
    }
    return c;
  }

  private static Map<String, Object> build(String id, String checkoutId, KernelInfo k,
      String arch) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("id", id);
    b.put("origin", ORIGIN);
    b.put("checkout_id", checkoutId);
    put(b, "comment", k.release());
    put(b, "architecture", arch);
    put(b, "config_name", k.spec());
    b.put("valid", true); // it booted and ran a plan
    Map<String, Object> misc = new LinkedHashMap<>();
    put(misc, "release", k.release());
    put(misc, "uname_v", k.version());
    put(misc, "config_hash", k.configHash());
    if (!misc.isEmpty()) {
      b.put("misc", misc);
    }
    return b;
  }

  private static Map<String, Object> test(RunResult r, String buildId) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("id", ORIGIN + ":" + r.runId());
    t.put("origin", ORIGIN);
    t.put("build_id", buildId);
    t.put("path", ORIGIN + "." + ReportModel.planOf(r).replaceAll("[^a-zA-Z0-9_-]", "_"));
    t.put("status", status(r.verdict()));
    put(t, "comment", r.verdict() == Verdict.INFRA_ERROR && r.infraError() != null
        ? r.infraError() : r.summary());
    if (r.startedAt() != null) {
      t.put("start_time", r.startedAt().toString());
    }
    if (r.startedAt() != null && r.endedAt() != null) {
      t.put("duration", JunitReport.seconds(r));
    }
    List<Problem> problems = Problem.of(r);
    if (!problems.isEmpty() && problems.get(0).text() != null) {
      t.put("log_excerpt", cut(problems.get(0).text()));
    }
    Map<String, Object> env = new LinkedHashMap<>();
    TargetInfo target = r.target();
    if (target != null) {
      put(env, "comment", target.serial() == null ? target.name()
          : target.name() + " (" + target.serial() + ")");
      Map<String, Object> envMisc = new LinkedHashMap<>();
      put(envMisc, "target", target.name());
      put(envMisc, "kind", target.kind());
      put(envMisc, "machine", target.machine());
      put(envMisc, "serial", target.serial());
      put(envMisc, "host", r.host());
      env.put("misc", envMisc);
      t.put("environment", env);
    }
    Map<String, Object> misc = new LinkedHashMap<>();
    misc.put("run_id", r.runId());
    misc.put("verdict", r.verdict().label());
    misc.put("problems", problems.stream().map(Problem::title).toList());
    put(misc, "plan_hash", r.plan() == null ? null : r.plan().hash());
    put(misc, "as_expected", r.asExpected());
    put(misc, "run_dir", r.runDir());
    t.put("misc", misc);
    return t;
  }

  /** KCIDB statuses: the kernel was judged (PASS/FAIL) or the harness failed (ERROR). */
  static String status(Verdict v) {
    return switch (v) {
      case PASS -> "PASS";
      case FAIL, HANG -> "FAIL";
      case INFRA_ERROR -> "ERROR";
    };
  }

  private static String cut(String s) {
    if (s.codePointCount(0, s.length()) <= MAX_EXCERPT) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, MAX_EXCERPT - 16)) + "\n[cut]";
  }

  private static void put(Map<String, Object> m, String key, Object value) {
    if (value != null) {
      m.put(key, value);
    }
  }

  private static String first(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }

  private static String slug(String s) {
    String out = s.replaceAll("[^A-Za-z0-9._+-]+", "_");
    return out.length() > 80 ? out.substring(0, 80) : out;
  }

  private static String hash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
