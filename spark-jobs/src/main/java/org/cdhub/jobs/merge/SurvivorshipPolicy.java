package org.cdhub.jobs.merge;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cdhub.jobs.merge.Survivorship.Criterion;
import org.cdhub.model.entity.EntityType;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The survivorship criteria per entity attribute, from {@code schemas/survivorship.yaml}
 * (bundled) or a file named by {@code HUB_SURVIVORSHIP}.
 */
public record SurvivorshipPolicy(List<Criterion> defaultOrder, Map<String, List<Criterion>> byAttribute) implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final List<Criterion> DEFAULT_ORDER = List.of(Criterion.TRUST, Criterion.RECENCY, Criterion.COMPLETENESS, Criterion.FREQUENCY);
  public static final String ENV = "HUB_SURVIVORSHIP";
  static final String RESOURCE = "survivorship.yaml";

  public SurvivorshipPolicy {
    defaultOrder = List.copyOf(requireNonNull(defaultOrder, "defaultOrder is null"));
    byAttribute = Map.copyOf(requireNonNull(byAttribute, "byAttribute is null"));
  }

  /** The criteria for {@code attribute} of {@code entity}, in order. */
  public List<Criterion> order(EntityType entity, String attribute) {
    return byAttribute.getOrDefault(key(entity, attribute), defaultOrder);
  }

  /** The file {@code HUB_SURVIVORSHIP} names, else the bundled policy. */
  public static SurvivorshipPolicy fromEnvironment(Map<String, String> env) {
    String file = env.get(ENV);
    if (file != null && !file.isBlank()) {
      Path path = Path.of(file);
      try {
        return parse(Files.readString(path, StandardCharsets.UTF_8), path.toString());
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read survivorship policy " + path + " (" + ENV + ")", e);
      }
    }
    return bundled();
  }

  public static SurvivorshipPolicy bundled() {
    try (InputStream in = SurvivorshipPolicy.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("Cannot find the bundled survivorship policy: no " + RESOURCE + " on the classpath");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the bundled survivorship policy", e);
    }
  }

  /** Parses the YAML form; every error names the origin, the entity and attribute, and the value. */
  public static SurvivorshipPolicy parse(String yaml, String origin) {
    Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    if (!(root instanceof Map<?, ?> top)) {
      throw new IllegalArgumentException("Invalid survivorship policy " + origin + ": expected a mapping at the top");
    }
    List<Criterion> defaults = DEFAULT_ORDER;
    Map<String, List<Criterion>> byAttribute = new HashMap<>();
    for (Map.Entry<?, ?> e : top.entrySet()) {
      String name = String.valueOf(e.getKey());
      if (name.equals("default")) {
        defaults = criteria(e.getValue(), origin, "default");
        continue;
      }
      EntityType entity;
      try {
        entity = EntityType.valueOf(name.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException unknown) {
        throw new IllegalArgumentException("Invalid survivorship policy " + origin + ": unknown entity '" + name
            + "', expected default or one of person, place, thing, event, organization");
      }
      if (!(e.getValue() instanceof Map<?, ?> attributes)) {
        throw new IllegalArgumentException("Invalid survivorship policy " + origin + ": " + name + " must map attributes to criteria lists");
      }
      for (Map.Entry<?, ?> a : attributes.entrySet()) {
        String attribute = String.valueOf(a.getKey());
        byAttribute.put(key(entity, attribute), criteria(a.getValue(), origin, name + "." + attribute));
      }
    }
    return new SurvivorshipPolicy(defaults, byAttribute);
  }

  private static List<Criterion> criteria(Object value, String origin, String where) {
    if (!(value instanceof List<?> list) || list.isEmpty()) {
      throw new IllegalArgumentException("Invalid survivorship policy " + origin + ": " + where
          + " must be a non-empty list of trust, recency, completeness, frequency");
    }
    List<Criterion> out = new ArrayList<>();
    for (Object item : list) {
      try {
        Criterion c = Criterion.valueOf(String.valueOf(item).strip().toUpperCase(Locale.ROOT));
        if (out.contains(c)) {
          throw new IllegalArgumentException("Invalid survivorship policy " + origin + ": " + where + " lists " + item + " twice");
        }
        out.add(c);
      } catch (IllegalArgumentException unknown) {
        if (unknown.getMessage() != null && unknown.getMessage().startsWith("Invalid survivorship")) {
          throw unknown;
        }
        throw new IllegalArgumentException("Invalid survivorship policy " + origin + ": " + where + " has unknown criterion '" + item
            + "', expected trust, recency, completeness or frequency");
      }
    }
    return out;
  }

  private static String key(EntityType entity, String attribute) {
    return entity.name() + "." + attribute;
  }
}
