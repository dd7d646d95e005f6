package org.cdhub.flows.landing;

import java.util.Map;
import java.util.TreeMap;
import org.apache.nifi.flowfile.FlowFile;

/**
 * Where a delivery came from, for the ingestion log, read from the attributes the source
 * processors write: a file name (ListFile/FetchFile), a table and its watermark
 * (QueryDatabaseTableRecord: tablename, maxvalue.*), or {@value #SOURCE_ATTRIBUTE} set by a
 * hub source processor (page URL, topic).
 */
final class DeliverySource {
  /** Set by the hub's own source processors to say what they fetched. */
  static final String SOURCE_ATTRIBUTE = "hub.source";
  private static final String MAX_VALUE_PREFIX = "maxvalue.";

  private DeliverySource() {}

  static String describe(FlowFile flowFile) {
    String hub = flowFile.getAttribute(SOURCE_ATTRIBUTE);
    if (hub != null) {
      return hub;
    }
    String table = flowFile.getAttribute("tablename");
    if (table != null) {
      return "table " + table;
    }
    return flowFile.getAttribute("filename");
  }

  /** The source position after this delivery, e.g. {@code updated_at=2024-05-01 10:00:00}; null if the source has none. */
  static String watermark(FlowFile flowFile) {
    Map<String, String> positions = new TreeMap<>();
    flowFile.getAttributes().forEach((k, v) -> {
      if (k.startsWith(MAX_VALUE_PREFIX)) {
        positions.put(k.substring(MAX_VALUE_PREFIX.length()), v);
      }
    });
    if (positions.isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    positions.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
    return sb.toString();
  }
}
