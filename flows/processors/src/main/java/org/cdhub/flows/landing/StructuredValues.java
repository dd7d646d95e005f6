package org.cdhub.flows.landing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.nifi.serialization.record.Record;

/** Nested record values (records, maps, arrays) as JSON text with sorted keys, so they land as delivered. */
final class StructuredValues {
  private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private StructuredValues() {}

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(plain(value));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot write a nested value as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** NiFi's record values as plain maps, lists and scalars. */
  private static Object plain(Object value) {
    if (value instanceof Record r) {
      Map<String, Object> out = new TreeMap<>();
      for (String name : r.getRawFieldNames()) {
        out.put(name, plain(r.getValue(name)));
      }
      return out;
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new TreeMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
      return out;
    }
    if (value instanceof Object[] a) {
      return plain(java.util.Arrays.asList(a));
    }
    if (value instanceof Collection<?> c) {
      List<Object> out = new ArrayList<>(c.size());
      c.forEach(v -> out.add(plain(v)));
      return out;
    }
    return value instanceof Number || value instanceof Boolean || value == null ? value : value.toString();
  }
}
