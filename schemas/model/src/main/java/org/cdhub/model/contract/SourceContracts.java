package org.cdhub.model.contract;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.cdhub.model.entity.EntityType;
import org.cdhub.model.schema.Sensitivity;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads source contracts from YAML. Keys are snake case; an unknown key or a missing one is an
 * error naming the file and the key, so a typo never silently changes a feed's rules.
 */
public final class SourceContracts {
  private static final Set<String> CONTRACT_KEYS = Set.of(
      "feed", "title", "owner_department", "entity", "description", "sharing", "open_to_public",
      "update_cycle", "trust_rank", "format", "record_id", "fields");
  private static final Set<String> SHARING_KEYS = Set.of("type", "conditions", "legal_basis");
  private static final Set<String> FORMAT_KEYS = Set.of("kind", "encoding", "location", "watermark", "max_record_bytes");
  private static final Set<String> FIELD_KEYS = Set.of(
      "name", "maps_to", "format", "pattern", "required", "max_length", "allowed_values", "sensitivity",
      "description", "trust_rank");
  private static final int DEFAULT_MAX_LENGTH = 256;
  private static final int DEFAULT_MAX_RECORD_BYTES = 64 * 1024;

  private SourceContracts() {}

  /** Parses one contract; {@code origin} names the file in error messages. */
  public static SourceContract parse(String yaml, String origin) {
    requireNonNull(yaml, "yaml is null");
    Object doc;
    try {
      doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Cannot parse source contract " + origin + ": " + e.getMessage(), e);
    }
    Node root = Node.of(origin, "", doc, CONTRACT_KEYS);
    try {
      Node sharing = root.child("sharing", SHARING_KEYS);
      Node format = root.child("format", FORMAT_KEYS);
      String feed = root.string("feed");
      List<FieldSpec> fields = new ArrayList<>();
      for (Node f : root.list("fields", FIELD_KEYS)) {
        fields.add(new FieldSpec(
            f.string("name"),
            f.optString("maps_to"),
            f.enumValue("format", FieldFormat.class, FieldFormat.TEXT),
            f.optString("pattern"),
            f.bool("required", false),
            f.integer("max_length", DEFAULT_MAX_LENGTH),
            f.stringList("allowed_values"),
            f.enumValue("sensitivity", Sensitivity.class, Sensitivity.INTERNAL),
            f.optString("description"),
            f.optInteger("trust_rank")));
      }
      return new SourceContract(
          feed,
          root.string("title"),
          root.string("owner_department"),
          root.enumValue("entity", EntityType.class, null),
          root.optString("description"),
          new Sharing(
              sharing.enumValue("type", SharingType.class, null),
              sharing.optString("conditions"),
              sharing.optString("legal_basis")),
          root.bool("open_to_public", false),
          root.enumValue("update_cycle", UpdateCycle.class, null),
          root.integer("trust_rank", -1),
          new SourceFormat(
              format.enumValue("kind", SourceKind.class, null),
              charset(format, format.optString("encoding")),
              format.string("location"),
              format.optString("watermark"),
              format.integer("max_record_bytes", DEFAULT_MAX_RECORD_BYTES)),
          root.stringList("record_id"),
          fields);
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("Invalid source contract")) {
        throw e;
      }
      throw new IllegalArgumentException("Invalid source contract " + origin + ": " + e.getMessage(), e);
    }
  }

  /** Every {@code *.yaml} contract in a directory, keyed by feed id. Two files with one feed id are an error. */
  public static Map<String, SourceContract> loadDirectory(Path dir) {
    Map<String, SourceContract> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
        SourceContract c = parse(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
        if (out.put(c.feed(), c) != null) {
          throw new IllegalArgumentException("Invalid source contracts in " + dir + ": feed declared twice: " + c.feed());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read source contracts from " + dir, e);
    }
    return out;
  }

  /** The bundled contract of a feed, from {@code contracts/<feed>.yaml} on the classpath. */
  public static SourceContract loadBundled(String feed) {
    String resource = "contracts/" + feed + ".yaml";
    try (InputStream in = SourceContracts.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("Cannot find bundled source contract for feed " + feed);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resource, e);
    }
  }

  private static Charset charset(Node node, String name) {
    if (name == null) {
      return StandardCharsets.UTF_8;
    }
    try {
      return Charset.forName(name);
    } catch (RuntimeException e) {
      throw node.error("encoding", "unknown charset '" + name + "'");
    }
  }

  /** A YAML mapping with its path, for messages such as "fields[3].format". */
  private record Node(String origin, String path, Map<?, ?> map) {
    static Node of(String origin, String path, Object value, Set<String> allowed) {
      if (!(value instanceof Map<?, ?> m)) {
        throw new IllegalArgumentException(
            "Invalid source contract " + origin + ": " + (path.isEmpty() ? "document" : path) + " must be a mapping");
      }
      for (Object key : m.keySet()) {
        if (!allowed.contains(String.valueOf(key))) {
          throw new IllegalArgumentException("Invalid source contract " + origin + ": unknown key '"
              + (path.isEmpty() ? "" : path + ".") + key + "' (allowed: " + new TreeMap<>(asMap(allowed)).keySet() + ")");
        }
      }
      return new Node(origin, path, m);
    }

    private static Map<String, Boolean> asMap(Set<String> keys) {
      Map<String, Boolean> m = new TreeMap<>();
      keys.forEach(k -> m.put(k, true));
      return m;
    }

    IllegalArgumentException error(String key, String problem) {
      return new IllegalArgumentException(
          "Invalid source contract " + origin + ": " + (path.isEmpty() ? "" : path + ".") + key + " " + problem);
    }

    Node child(String key, Set<String> allowed) {
      Object v = map.get(key);
      if (v == null) {
        throw error(key, "is missing");
      }
      return of(origin, qualify(key), v, allowed);
    }

    List<Node> list(String key, Set<String> allowed) {
      Object v = map.get(key);
      if (!(v instanceof List<?> items) || items.isEmpty()) {
        throw error(key, "must be a non-empty list");
      }
      List<Node> out = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        out.add(of(origin, qualify(key) + "[" + i + "]", items.get(i), allowed));
      }
      return out;
    }

    String qualify(String key) {
      return path.isEmpty() ? key : path + "." + key;
    }

    String string(String key) {
      String v = optString(key);
      if (v == null || v.isBlank()) {
        throw error(key, "is missing");
      }
      return v;
    }

    String optString(String key) {
      Object v = map.get(key);
      if (v == null) {
        return null;
      }
      if (v instanceof Map<?, ?> || v instanceof List<?>) {
        throw error(key, "must be a scalar");
      }
      return String.valueOf(v);
    }

    List<String> stringList(String key) {
      Object v = map.get(key);
      if (v == null) {
        return List.of();
      }
      if (v instanceof List<?> items) {
        return items.stream().map(String::valueOf).toList();
      }
      return List.of(String.valueOf(v));
    }

    boolean bool(String key, boolean def) {
      Object v = map.get(key);
      if (v == null) {
        return def;
      }
      if (v instanceof Boolean b) {
        return b;
      }
      throw error(key, "must be true or false, got '" + v + "'");
    }

    int integer(String key, int def) {
      Integer v = optInteger(key);
      if (v == null) {
        if (def < 0) {
          throw error(key, "is missing");
        }
        return def;
      }
      return v;
    }

    Integer optInteger(String key) {
      Object v = map.get(key);
      if (v == null) {
        return null;
      }
      if (v instanceof Integer i) {
        return i;
      }
      throw error(key, "must be an integer, got '" + v + "'");
    }

    <E extends Enum<E>> E enumValue(String key, Class<E> type, E def) {
      String v = optString(key);
      if (v == null) {
        if (def == null) {
          throw error(key, "is missing");
        }
        return def;
      }
      try {
        return Enum.valueOf(type, v.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw error(key, "has unknown value '" + v + "' (allowed: "
            + java.util.Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList() + ")");
      }
    }
  }
}
