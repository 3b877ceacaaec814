package dev.lifelab.common;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Strict YAML loading for the files users write (targets, plans, known issues): unknown keys,
 * missing fields and wrong types are errors that name the file, line, column and field.
 * Keys are kebab-case ({@code hung-task-timeout}).
 */
public final class YamlFiles {
  private static final ObjectMapper MAPPER = newMapper();

  private YamlFiles() {}

  private static ObjectMapper newMapper() {
    SimpleModule durations = new SimpleModule("durations");
    durations.addDeserializer(Duration.class, new JsonDeserializer<>() {
      @Override
      public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String text = p.getValueAsString();
        if (text == null) {
          return (Duration) ctxt.handleUnexpectedToken(Duration.class, p);
        }
        try {
          return Durations.parse(text);
        } catch (IllegalArgumentException e) {
          throw InvalidFormatException.from(p, e.getMessage(), text, Duration.class);
        }
      }
    });
    ObjectMapper m = YAMLMapper.builder(new YAMLFactory())
        .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
        .addModule(durations)
        .build();
    // "count: abc" must not become 0, and "count: 12" as a string is a mistake worth naming.
    m.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    m.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    m.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert);
    return m;
  }

  /** Missing creator properties are allowed for types that give defaults; callers opt out. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static <T> T load(Path file, Class<T> type) {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new UserError(file + ": no such file");
    } catch (IOException e) {
      throw new UserError(file + ": cannot read: " + e.getMessage(), e);
    }
    try {
      T value = MAPPER.readValue(content, type);
      if (value == null) {
        throw new UserError(file + ": the file is empty");
      }
      if (value instanceof Checked c) {
        try {
          c.check(Checks.root());
        } catch (Checks.FieldError e) {
          throw error(file, locations(file), e.path(), e.getMessage());
        }
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new UserError(describe(file, e), e);
    } catch (IOException e) {
      throw new UserError(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Where each field and list item of a YAML file is ({@code steps[3].device} → line and
   * column), for errors found after binding, such as a reference to an unknown name.
   */
  public static Map<String, JsonLocation> locations(Path file) {
    Map<String, JsonLocation> map = new HashMap<>();
    try (JsonParser p = MAPPER.getFactory().createParser(Files.readAllBytes(file))) {
      JsonToken t = p.nextToken();
      if (t != null) {
        walk(p, t, "", map);
      }
    } catch (IOException e) {
      // The file was read and parsed once already; locations are a convenience.
    }
    return map;
  }

  private static void walk(JsonParser p, JsonToken t, String path, Map<String, JsonLocation> map) throws IOException {
    map.putIfAbsent(path, p.currentTokenLocation());
    if (t == JsonToken.START_OBJECT) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        String child = path.isEmpty() ? name : path + "." + name;
        map.put(child, p.currentTokenLocation());
        walk(p, p.nextToken(), child, map);
      }
    } else if (t == JsonToken.START_ARRAY) {
      int i = 0;
      for (JsonToken c; (c = p.nextToken()) != JsonToken.END_ARRAY; i++) {
        walk(p, c, path + "[" + i + "]", map);
      }
    }
  }

  /** An error about a field found after loading: {@code file:line:column: field 'x': message}. */
  public static UserError error(Path file, Map<String, JsonLocation> locations, String path, String message) {
    String p = path;
    JsonLocation loc = locations.get(p);
    while (loc == null && !p.isEmpty()) {
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      p = cut < 0 ? "" : p.substring(0, cut);
      loc = locations.get(p);
    }
    String where = file + (loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr());
    return new UserError(where + ": field '" + path + "': " + message);
  }

  /** {@code file:line:column: field 'a.b[2].c': what is wrong}. */
  static String describe(Path file, JsonProcessingException e) {
    JsonLocation loc = e.getLocation();
    String field = e instanceof JsonMappingException jme
        ? fieldPath(jme, e instanceof UnrecognizedPropertyException) : "";
    if (e instanceof UnrecognizedPropertyException u) {
      // Jackson reports unknown keys of records at the end of their mapping; point at the key.
      JsonLocation key = locations(file).get(field.isEmpty() ? u.getPropertyName() : field + "." + u.getPropertyName());
      loc = key != null ? key : loc;
    }
    boolean noTypeId = e instanceof InvalidTypeIdException t && t.getTypeId() == null;
    if (noTypeId) {
      // Jackson notices a missing type id at the end of the mapping; point at the mapping itself.
      JsonLocation start = locations(file).get(field);
      loc = start != null ? start : loc;
    }
    String where = file + (loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr());
    String what;
    if (noTypeId) {
      InvalidTypeIdException t = (InvalidTypeIdException) e;
      what = "no '" + typeProperty(t.getBaseType()) + "' given" + subtypeNames(t.getBaseType());
    } else if (e instanceof UnrecognizedPropertyException u) {
      String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
          .map(Object::toString).sorted().collect(Collectors.joining(", "));
      what = "unknown field '" + u.getPropertyName() + "'"
          + (known.isEmpty() ? "" : " (known fields: " + known + ")");
    } else if (e instanceof InvalidTypeIdException t) {
      what = "unknown type '" + t.getTypeId() + "'" + subtypeNames(t.getBaseType());
    } else if (e instanceof ValueInstantiationException v && v.getCause() != null) {
      what = v.getCause().getMessage();
    } else if (e instanceof InvalidFormatException f) {
      what = "bad value '" + f.getValue() + "'"
          + (f.getCause() instanceof IllegalArgumentException ? ": " + f.getCause().getMessage()
              : " (expected " + simpleName(f.getTargetType()) + ")");
      if (f.getOriginalMessage() != null && f.getOriginalMessage().contains("is not a duration")) {
        what = f.getOriginalMessage();
      }
    } else if (e instanceof MismatchedInputException mi && mi.getOriginalMessage() != null
        && mi.getOriginalMessage().startsWith("Missing required creator property")) {
      what = "missing required field '" + missingName(mi.getOriginalMessage()) + "'";
    } else if (e instanceof MismatchedInputException mi) {
      what = "wrong type" + (mi.getTargetType() == null ? "" : ", expected " + simpleName(mi.getTargetType()))
          + " (" + firstLine(mi.getOriginalMessage()) + ")";
    } else {
      what = firstLine(e.getOriginalMessage());
    }
    return where + ": " + (field.isEmpty() ? "" : "field '" + field + "': ") + what;
  }

  /** The key that names the type of a mapping, e.g. a plan step's {@code type}. */
  private static String typeProperty(JavaType base) {
    JsonTypeInfo info = base == null ? null : base.getRawClass().getAnnotation(JsonTypeInfo.class);
    return info == null || info.property().isEmpty() ? "type" : info.property();
  }

  private static String subtypeNames(JavaType base) {
    JsonSubTypes types = base == null ? null : base.getRawClass().getAnnotation(JsonSubTypes.class);
    if (types == null) {
      return "";
    }
    return " (known types: " + Arrays.stream(types.value()).map(JsonSubTypes.Type::name).sorted()
        .collect(Collectors.joining(", ")) + ")";
  }

  private static String missingName(String msg) {
    int a = msg.indexOf('\'');
    int b = a < 0 ? -1 : msg.indexOf('\'', a + 1);
    return a >= 0 && b > a ? msg.substring(a + 1, b) : msg;
  }

  private static String fieldPath(JsonMappingException e, boolean dropLast) {
    StringBuilder sb = new StringBuilder();
    var refs = e.getPath();
    for (JsonMappingException.Reference r : dropLast && !refs.isEmpty() ? refs.subList(0, refs.size() - 1) : refs) {
      if (r.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String simpleName(Class<?> c) {
    if (c == Integer.class || c == int.class || c == Long.class || c == long.class) {
      return "a whole number";
    }
    if (c == Boolean.class || c == boolean.class) {
      return "true or false";
    }
    if (c == Duration.class) {
      return "a duration like 30s";
    }
    if (c.isEnum()) {
      StringBuilder sb = new StringBuilder("one of ");
      Object[] values = c.getEnumConstants();
      for (int i = 0; i < values.length; i++) {
        sb.append(i == 0 ? "" : ", ").append(values[i].toString());
      }
      return sb.toString();
    }
    if (java.util.List.class.isAssignableFrom(c)) {
      return "a list";
    }
    if (c == String.class) {
      return "text";
    }
    return c.getSimpleName();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "invalid";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
