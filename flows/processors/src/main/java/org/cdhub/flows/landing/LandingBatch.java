package org.cdhub.flows.landing;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The records of one delivery (one FlowFile), sorted into the ones that land and the ones that
 * go to quarantine, under a batch id that depends only on the records: the same rows delivered
 * twice carry the same batch id, which is how a replayed batch is recognised.
 *
 * @param feed feed id (the bronze table's name)
 * @param batchId {@code <feed>-<32 hex>}: SHA-256 over the feed and every record's payload hash, in order
 * @param ingestedAt when the hub received the batch (the same for every row of it)
 * @param landing records that pass the ingest rules
 * @param quarantine records that do not
 */
public record LandingBatch(String feed, String batchId, Instant ingestedAt, List<Landing> landing, List<Quarantine> quarantine) {

  /** A record that lands, with its envelope values. */
  public record Landing(RawRecord record, String recordId, String payloadHash) {
    public Landing {
      requireNonNull(record, "record is null");
      requireNonNull(recordId, "recordId is null");
      requireNonNull(payloadHash, "payloadHash is null");
    }
  }

  /** A record rejected at the door, with the rule that rejected it. */
  public record Quarantine(RawRecord record, IngestRules.Rejected verdict) {
    public Quarantine {
      requireNonNull(record, "record is null");
      requireNonNull(verdict, "verdict is null");
    }
  }

  public LandingBatch {
    requireNonNull(feed, "feed is null");
    requireNonNull(batchId, "batchId is null");
    requireNonNull(ingestedAt, "ingestedAt is null");
    landing = List.copyOf(landing);
    quarantine = List.copyOf(quarantine);
  }

  /** Applies the rules to every record, in delivery order. */
  public static LandingBatch of(IngestRules rules, List<RawRecord> records, Instant ingestedAt) {
    requireNonNull(rules, "rules is null");
    requireNonNull(records, "records is null");
    String feed = rules.contract().feed();
    StringBuilder identity = new StringBuilder(feed).append('\n');
    List<Landing> landing = new ArrayList<>();
    List<Quarantine> quarantine = new ArrayList<>();
    for (RawRecord record : records) {
      String hash = record.payloadHash();
      identity.append(hash).append('\n');
      switch (rules.check(record)) {
        case IngestRules.Admitted a -> landing.add(new Landing(record, a.recordId(), hash));
        case IngestRules.Rejected r -> quarantine.add(new Quarantine(record, r));
      }
    }
    String batchId = feed + "-" + RawRecord.sha256Hex(identity.toString()).substring(0, 32);
    return new LandingBatch(feed, batchId, ingestedAt, landing, quarantine);
  }

  public int read() {
    return landing.size() + quarantine.size();
  }

  /** Raw field names over all landing records, in first-seen order. */
  public Set<String> rawFieldNames() {
    Set<String> names = new LinkedHashSet<>();
    landing.forEach(l -> names.addAll(l.record().fields().keySet()));
    return names;
  }
}
