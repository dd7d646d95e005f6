package org.cdhub.model.contract;

import static java.util.Objects.requireNonNull;

import java.nio.charset.Charset;

/**
 * How the feed's records are delivered.
 *
 * @param kind delivery kind
 * @param encoding declared character encoding (files and payloads), e.g. UTF-8 or GBK
 * @param location table name, file name pattern, API path or MQTT topic
 * @param watermark column or field used for incremental pulls, if any
 * @param maxRecordBytes records larger than this are rejected at the door
 */
public record SourceFormat(SourceKind kind, Charset encoding, String location, String watermark, int maxRecordBytes) {
  public SourceFormat {
    requireNonNull(kind, "kind is null");
    requireNonNull(encoding, "encoding is null");
    requireNonNull(location, "location is null");
    if (maxRecordBytes <= 0) {
      throw new IllegalArgumentException("Invalid max_record_bytes, must be positive: " + maxRecordBytes);
    }
  }
}
