package org.cdhub.flows.runner;

import java.util.List;
import java.util.Map;

/**
 * Counts of one run (or one trigger) of an ingestion flow, read from the attributes
 * LandBronzeRecords writes on the FlowFiles that reach the flow's {@code landed} port.
 *
 * @param flowFiles FlowFiles that reached the landed port
 * @param read records read (always landed + quarantined)
 * @param landed records in bronze
 * @param quarantined records in quarantine
 * @param batches batches committed now (replayed ones excluded)
 * @param replayed batches the lakehouse already held
 */
record IngestTally(int flowFiles, long read, long landed, long quarantined, int batches, int replayed) {
  static final String ATTR_BATCH_ID = "hub.batch.id";
  static final String ATTR_READ = "hub.records.read";
  static final String ATTR_LANDED = "hub.records.landed";
  static final String ATTR_QUARANTINED = "hub.records.quarantined";
  static final String ATTR_REPLAYED = "hub.batch.replayed";
  /** Written by the record-producing source processors (e.g. QueryDatabaseTableRecord). */
  static final String ATTR_SOURCE_RECORD_COUNT = "record.count";

  static final IngestTally NONE = new IngestTally(0, 0, 0, 0, 0, 0);

  IngestTally {
    if (read != landed + quarantined) {
      throw new IllegalStateException("Records unaccounted for: read " + read + " but landed " + landed
          + " + quarantined " + quarantined);
    }
  }

  /** Tallies the attribute maps of landed FlowFiles; fails if any record went missing on the way. */
  static IngestTally of(List<Map<String, String>> landedAttributes) {
    IngestTally tally = NONE;
    for (Map<String, String> a : landedAttributes) {
      String batch = a.getOrDefault(ATTR_BATCH_ID, "(no batch id)");
      long read = number(a, ATTR_READ, batch);
      long landed = number(a, ATTR_LANDED, batch);
      long quarantined = number(a, ATTR_QUARANTINED, batch);
      String sourceCount = a.get(ATTR_SOURCE_RECORD_COUNT);
      if (sourceCount != null && Long.parseLong(sourceCount) != read) {
        throw new IllegalStateException("Records lost in batch " + batch + ": the source wrote " + sourceCount
            + " records, the landing read " + read);
      }
      boolean replayed = Boolean.parseBoolean(a.get(ATTR_REPLAYED));
      tally = tally.plus(new IngestTally(1, read, landed, quarantined, replayed || read == 0 ? 0 : 1, replayed ? 1 : 0));
    }
    return tally;
  }

  IngestTally plus(IngestTally other) {
    return new IngestTally(flowFiles + other.flowFiles, read + other.read, landed + other.landed,
        quarantined + other.quarantined, batches + other.batches, replayed + other.replayed);
  }

  /** The one summary line the launcher parses. */
  String line(String feed, long durationMillis) {
    return "INGEST feed=" + feed + " read=" + read + " landed=" + landed + " quarantined=" + quarantined
        + " batches=" + batches + " duration_ms=" + durationMillis;
  }

  private static long number(Map<String, String> attributes, String name, String batch) {
    String v = attributes.get(name);
    if (v == null) {
      throw new IllegalStateException("FlowFile of batch " + batch + " reached the landed port without " + name
          + ": only LandBronzeRecords' success relationship may feed that port");
    }
    return Long.parseLong(v);
  }
}
