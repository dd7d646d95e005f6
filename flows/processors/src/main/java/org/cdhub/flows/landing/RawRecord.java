package org.cdhub.flows.landing;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One source record as delivered: field name to raw text (null when the source had no value).
 * Its canonical form, a JSON object with sorted keys and string values, is what the payload hash
 * is taken over and what quarantine keeps for replay, so the same row always hashes the same
 * whatever serialization carried it through the flow.
 */
public final class RawRecord {
  private final Map<String, String> fields;
  private final Set<String> structuredFields;
  private final String canonicalJson;
  /** UTF-8 size and SHA-256 of the canonical form, computed together once: landing needs both for every record. */
  private int sizeBytes = -1;
  private String payloadHash;

  private RawRecord(Map<String, String> fields, Set<String> structuredFields) {
    this.fields = Collections.unmodifiableMap(fields);
    this.structuredFields = structuredFields.isEmpty() ? Set.of() : Set.copyOf(structuredFields);
    this.canonicalJson = canonicalJson(fields);
  }

  /** A record with the given fields, kept in the given order; a null name is rejected. */
  public static RawRecord of(Map<String, String> fields) {
    return of(fields, Set.of());
  }

  /**
   * A record some of whose fields arrived as JSON objects or arrays rather than single values;
   * their text is that JSON.
   */
  public static RawRecord of(Map<String, String> fields, Set<String> structuredFields) {
    requireNonNull(fields, "fields is null");
    requireNonNull(structuredFields, "structuredFields is null");
    LinkedHashMap<String, String> copy = new LinkedHashMap<>();
    fields.forEach((name, value) -> copy.put(requireNonNull(name, "field name is null"), value));
    return owning(copy, structuredFields);
  }

  /** A record over a map the caller built for it and hands over (no copy: landing builds one per record). */
  static RawRecord owning(LinkedHashMap<String, String> fields, Set<String> structuredFields) {
    if (fields.containsKey(null)) {
      throw new NullPointerException("field name is null");
    }
    if (!fields.keySet().containsAll(structuredFields)) {
      throw new IllegalArgumentException("Structured fields " + structuredFields + " are not all fields of the record");
    }
    return new RawRecord(fields, structuredFields);
  }

  /** Whether the field arrived as a JSON object or array instead of a single value. */
  public boolean isStructured(String field) {
    return structuredFields.contains(field);
  }

  /** Field names in delivery order. */
  public Map<String, String> fields() {
    return fields;
  }

  /** The raw value, or null when the field is absent or empty-valued in the source. */
  public String value(String field) {
    return fields.get(field);
  }

  /** The canonical JSON form: keys sorted (UTF-16 order, as RFC 8785), no whitespace, strings or null. */
  public String canonicalJson() {
    return canonicalJson;
  }

  /** Size of the canonical form in UTF-8 bytes: what a contract's max_record_bytes limits. */
  public int sizeBytes() {
    digest();
    return sizeBytes;
  }

  /** SHA-256 of the canonical form, lower-case hex. */
  public String payloadHash() {
    digest();
    return payloadHash;
  }

  private void digest() {
    if (payloadHash == null) {
      byte[] utf8 = canonicalJson.getBytes(StandardCharsets.UTF_8);
      sizeBytes = utf8.length;
      payloadHash = HexFormat.of().formatHex(SHA256.get().digest(utf8));
    }
  }

  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot hash payload: the JDK has no SHA-256", e);
    }
  });

  static String sha256Hex(String text) {
    return HexFormat.of().formatHex(SHA256.get().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static String canonicalJson(Map<String, String> fields) {
    Map<String, String> sorted = new TreeMap<>(fields);
    StringBuilder out = new StringBuilder(64 + fields.size() * 24);
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      appendString(out, e.getKey());
      out.append(':');
      if (e.getValue() == null) {
        out.append("null");
      } else {
        appendString(out, e.getValue());
      }
    }
    return out.append('}').toString();
  }

  private static void appendString(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RawRecord other && canonicalJson.equals(other.canonicalJson);
  }

  @Override
  public int hashCode() {
    return canonicalJson.hashCode();
  }

  @Override
  public String toString() {
    // values may be personal data: show the shape only
    return "RawRecord" + fields.keySet();
  }
}
