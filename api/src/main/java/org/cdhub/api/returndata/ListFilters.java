package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The filters a list was asked with, by parameter name, in the canonical form a cursor carries
 * (so that a cursor is only used with the filters of its first page). A repeated parameter's
 * values are sorted and joined with {@code ,}.
 *
 * @param values parameter name to canonical value; absent parameters are left out
 */
public record ListFilters(SortedMap<String, String> values) {
  public static final ListFilters NONE = new ListFilters(new TreeMap<>());
  private static final Pattern NAME = Pattern.compile("[a-zA-Z]{1,32}");
  /** Characters the cursor framing uses; validated parameters never hold them. */
  private static final Pattern FRAMING = Pattern.compile("[|;=]");

  public ListFilters {
    requireNonNull(values, "values is null");
    values.forEach((name, value) -> {
      if (!NAME.matcher(name).matches() || value == null || value.isEmpty() || FRAMING.matcher(value).find()) {
        throw new IllegalArgumentException("Invalid list filter " + name + ": name must be letters, value non-empty"
            + " without | ; or =");
      }
    });
    values = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(values));
  }

  /** Builds filters, leaving out parameters that were not given. */
  public static Builder builder() {
    return new Builder();
  }

  /** The canonical text, e.g. {@code ageBand=80-89,90+;tag=DISABLED}. */
  String encode() {
    StringBuilder out = new StringBuilder();
    values.forEach((name, value) -> out.append(out.isEmpty() ? "" : ";").append(name).append('=').append(value));
    return out.toString();
  }

  /**
   * Reads {@link #encode()}'s text.
   *
   * @throws IllegalArgumentException if it is not such a text
   */
  static ListFilters decode(String text) {
    SortedMap<String, String> values = new TreeMap<>();
    if (!text.isEmpty()) {
      for (String pair : text.split(";", -1)) {
        int eq = pair.indexOf('=');
        if (eq < 1 || values.put(pair.substring(0, eq), pair.substring(eq + 1)) != null) {
          throw new IllegalArgumentException("Invalid list filters: '" + pair + "' is not name=value, or repeats a name");
        }
      }
    }
    return new ListFilters(values);
  }

  /** The first parameter (by name) whose value differs from {@code other}'s, or is given in only one of them. */
  Optional<String> firstDifference(ListFilters other) {
    TreeSet<String> names = new TreeSet<>(values.keySet());
    names.addAll(other.values.keySet());
    return names.stream().filter(name -> !java.util.Objects.equals(values.get(name), other.values.get(name))).findFirst();
  }

  /** How a parameter reads in an error message. */
  String describe(String name) {
    String value = values.get(name);
    return value == null ? "no " + name : name + "=" + value;
  }

  /** Collects filter parameters as they arrive from a request. */
  public static final class Builder {
    private final SortedMap<String, String> values = new TreeMap<>();

    private Builder() {}

    /** A single-valued parameter; null (not given) is left out. */
    public Builder with(String name, Object value) {
      if (value != null) {
        values.put(name, value.toString());
      }
      return this;
    }

    /** A repeated parameter: its values, de-duplicated and sorted; null or empty is left out. */
    public Builder with(String name, java.util.Collection<String> list) {
      if (list != null && !list.isEmpty()) {
        values.put(name, String.join(",", new TreeSet<>(list)));
      }
      return this;
    }

    public ListFilters build() {
      return new ListFilters(values);
    }
  }

  @Override
  public String toString() {
    return encode();
  }
}
