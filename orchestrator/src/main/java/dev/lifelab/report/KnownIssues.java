package dev.lifelab.report;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lifelab.common.UserError;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The known-issues file, read strictly: an unknown key, a missing field or a bad value is an
 * error naming {@code FILE:LINE:COLUMN} and the field, because a typo that silently dropped a
 * condition would mislabel new bugs as known. See docs/report.md for the format.
 *
 * <p>The file is read token by token (not bound to classes) so that every field keeps its own
 * location for the message.
 */
public final class KnownIssues {
  private static final YAMLFactory YAML = new YAMLFactory();
  private static final Set<String> FIELDS = Set.of("id", "title", "title-regex", "kernel-from",
      "kernel-before", "targets", "plans", "link", "status", "note");
  private static final Set<String> LIST_FIELDS = Set.of("targets", "plans");
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");

  private final List<KnownIssue> issues;

  public KnownIssues(List<KnownIssue> issues) {
    this.issues = List.copyOf(issues);
  }

  public static KnownIssues none() {
    return new KnownIssues(List.of());
  }

  public List<KnownIssue> issues() {
    return issues;
  }

  /** The first issue (in file order) that explains {@code p}. */
  public Optional<KnownIssue> match(Problem p, String target, String plan, String kernel) {
    return issues.stream().filter(i -> i.matches(p, target, plan, kernel)).findFirst();
  }

  /** A located scalar or list value of one field. */
  private record Value(String text, List<String> list, JsonLocation at) {}

  public static KnownIssues load(Path file) {
    String name = file.toString();
    if (!Files.isRegularFile(file)) {
      throw new UserError(name + ": no such known-issues file");
    }
    try (JsonParser p = YAML.createParser(file.toFile())) {
      List<KnownIssue> out = new ArrayList<>();
      JsonToken t = p.nextToken();
      if (t == null) {
        return none(); // an empty file lists no issues
      }
      if (t != JsonToken.START_OBJECT) {
        throw error(name, p.currentTokenLocation(), "top level", "expected a mapping with the key"
            + " 'issues'");
      }
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        JsonLocation at = p.currentTokenLocation();
        if (!key.equals("issues")) {
          throw error(name, at, key, "unknown key '" + key + "' (the top level has only 'issues')");
        }
        t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
          continue;
        }
        if (t != JsonToken.START_ARRAY) {
          throw error(name, p.currentTokenLocation(), "issues", "expected a list of issues");
        }
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          out.add(entry(p, name, "issues[" + out.size() + "]"));
        }
      }
      checkUniqueIds(out, name);
      return new KnownIssues(out);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new UserError(name + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
          + ": not valid YAML: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UserError(name + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static KnownIssue entry(JsonParser p, String file, String path) throws IOException {
    JsonLocation start = p.currentTokenLocation();
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw error(file, start, path, "expected a mapping (id:, title:, link:, status:, ...)");
    }
    Map<String, Value> fields = new LinkedHashMap<>();
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonLocation keyAt = p.currentTokenLocation();
      if (!FIELDS.contains(key)) {
        throw error(file, keyAt, path + "." + key, "unknown field '" + key + "' (allowed: "
            + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
      }
      if (fields.containsKey(key)) {
        throw error(file, keyAt, path + "." + key, "field given twice");
      }
      t = p.nextToken();
      JsonLocation valueAt = p.currentTokenLocation();
      if (LIST_FIELDS.contains(key) && t == JsonToken.START_ARRAY) {
        List<String> items = new ArrayList<>();
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          items.add(scalar(p, t, file, path + "." + key + "[" + items.size() + "]"));
        }
        fields.put(key, new Value(null, items, valueAt));
      } else {
        String text = scalar(p, t, file, path + "." + key);
        fields.put(key, new Value(text, LIST_FIELDS.contains(key) ? List.of(text) : null, valueAt));
      }
    }
    return build(fields, file, path, start);
  }

  private static String scalar(JsonParser p, JsonToken t, String file, String field)
      throws IOException {
    JsonLocation at = p.currentTokenLocation();
    if (t == JsonToken.VALUE_NULL) {
      throw error(file, at, field, "has no value");
    }
    if (!t.isScalarValue()) {
      throw error(file, at, field, "must be a single value, not a " + (t == JsonToken.START_ARRAY
          ? "list" : "mapping"));
    }
    // getText keeps "6.10" as written; a YAML float would read back as 6.1.
    String text = p.getText();
    if (text == null || text.isBlank()) {
      throw error(file, at, field, "is empty");
    }
    return text.trim();
  }

  private static KnownIssue build(Map<String, Value> f, String file, String path,
      JsonLocation start) {
    String where = file + ":" + start.getLineNr();
    for (String required : List.of("id", "link", "status")) {
      if (!f.containsKey(required)) {
        throw error(file, start, path, "missing field '" + required + "'");
      }
    }
    Value id = f.get("id");
    if (!ID.matcher(id.text()).matches()) {
      throw error(file, id.at(), path + ".id", "'" + id.text()
          + "' must be lower-case letters, digits, '.', '_' or '-'");
    }
    path = path + " (" + id.text() + ")";
    if (f.containsKey("title") == f.containsKey("title-regex")) {
      throw error(file, start, path, "give exactly one of 'title' (a glob) or 'title-regex'");
    }
    boolean regex = f.containsKey("title-regex");
    Value title = regex ? f.get("title-regex") : f.get("title");
    Pattern compiled;
    try {
      compiled = regex ? Pattern.compile(title.text()) : KnownIssue.glob(title.text());
    } catch (PatternSyntaxException e) {
      throw error(file, title.at(), path + ".title-regex", "not a valid regular expression: "
          + e.getDescription() + " near index " + e.getIndex());
    }
    String from = version(f.get("kernel-from"), file, path + ".kernel-from");
    String before = version(f.get("kernel-before"), file, path + ".kernel-before");
    if (from != null && before != null && VersionOrder.compareVersions(from, before) >= 0) {
      throw error(file, f.get("kernel-before").at(), path + ".kernel-before", "'" + before
          + "' must be a later version than kernel-from '" + from + "'");
    }
    Value link = f.get("link");
    checkLink(link, file, path + ".link");
    Value status = f.get("status");
    KnownIssue.Status st;
    try {
      st = KnownIssue.Status.valueOf(status.text().toUpperCase());
    } catch (IllegalArgumentException e) {
      throw error(file, status.at(), path + ".status", "'" + status.text()
          + "' is not one of open, fixed, wontfix");
    }
    Value note = f.get("note");
    return new KnownIssue(id.text(), title.text(), regex, from, before, list(f.get("targets")),
        list(f.get("plans")), link.text(), st, note == null ? null : note.text(), where, compiled);
  }

  private static String version(Value v, String file, String field) {
    if (v == null) {
      return null;
    }
    if (!Character.isDigit(v.text().charAt(0))) {
      throw error(file, v.at(), field, "'" + v.text() + "' is not a kernel version (e.g. 6.1,"
          + " 6.1.0-47, 6.13-rc1)");
    }
    return v.text();
  }

  private static void checkLink(Value link, String file, String field) {
    try {
      URI u = new URI(link.text());
      if (("https".equals(u.getScheme()) || "http".equals(u.getScheme())) && u.getHost() != null) {
        return;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw error(file, link.at(), field, "'" + link.text() + "' is not an http(s) URL");
  }

  private static List<String> list(Value v) {
    return v == null ? List.of() : List.copyOf(v.list());
  }

  private static void checkUniqueIds(List<KnownIssue> issues, String file) {
    Map<String, KnownIssue> seen = new HashMap<>();
    for (KnownIssue i : issues) {
      KnownIssue before = seen.putIfAbsent(i.id(), i);
      if (before != null) {
        throw new UserError(i.where() + ": issue id '" + i.id() + "' already used at "
            + before.where());
      }
    }
  }

  private static UserError error(String file, JsonLocation at, String field, String message) {
    return new UserError(file + ":" + at.getLineNr() + ":" + at.getColumnNr() + ": " + field
        + ": " + message);
  }
}
