package org.cdhub.jobs.standardize;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One bronze row: its envelope and raw field values (strings as delivered, null when absent).
 */
public record BronzeRecord(String sourceSystem, String sourceRecordId, String batchId, Instant ingestedAt, Map<String, String> raw) {
  public BronzeRecord {
    requireNonNull(sourceSystem, "sourceSystem is null");
    requireNonNull(sourceRecordId, "sourceRecordId is null");
    requireNonNull(batchId, "batchId is null");
    requireNonNull(ingestedAt, "ingestedAt is null");
    // raw values may be null, so no Map.copyOf
    raw = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(raw, "raw is null")));
  }

  public String raw(String field) {
    return raw.get(field);
  }
}
