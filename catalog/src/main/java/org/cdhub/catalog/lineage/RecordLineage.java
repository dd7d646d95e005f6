package org.cdhub.catalog.lineage;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.iceberg.expressions.Expressions;
import org.cdhub.catalog.audit.AuditEntry;
import org.cdhub.model.lakehouse.LakehouseTable;

/**
 * Where every value of one golden person came from, and who read it: each attribute's source
 * record and the survivorship rule that chose it (gold.person's provenance), every source record
 * linked to the master with its match rule and resolve run (gold.xref), the bronze batch and
 * ingestion time of its current silver version (silver.person), the delivery that brought the
 * batch (ops.ingestion_log: file or table, NiFi FlowFile id, bronze snapshot), the standardize
 * run that published it (ops.quality_run), retired ids now resolving to it (gold.master_alias)
 * and the API reads that returned it (the access audit). Shared by {@code ./hub lineage} and the
 * API's auditor endpoint; each brings its own Iceberg reader as {@link LakehouseRows}.
 *
 * @param masterId the golden person
 * @param communityCode its community, null when the master is not in gold.person
 * @param attributes attribute to the source record and rule that chose its value
 * @param sources every source record linked to the master
 * @param aliases retired master ids that resolve to this one
 * @param reads audited reads that returned the master, newest first
 */
public record RecordLineage(String masterId, String communityCode, Map<String, AttributeSource> attributes, List<SourceRecord> sources,
    List<String> aliases, List<AuditEntry> reads) {

  public RecordLineage {
    requireNonNull(masterId, "masterId is null");
    attributes = Map.copyOf(attributes);
    sources = List.copyOf(sources);
    aliases = List.copyOf(aliases);
    reads = List.copyOf(reads);
  }

  /** The feed, record and survivorship rule behind one golden attribute. */
  public record AttributeSource(String feed, String recordId, String rule) {
    /** Parses gold.person's provenance entry {@code feed:record:RULE}; the record id may hold colons. */
    public static AttributeSource parse(String entry) {
      int first = entry.indexOf(':');
      int last = entry.lastIndexOf(':');
      if (first < 0 || last <= first) {
        return new AttributeSource(entry, "", "");
      }
      return new AttributeSource(entry.substring(0, first), entry.substring(first + 1, last), entry.substring(last + 1));
    }

    public String recordKey() {
      return feed + ":" + recordId;
    }
  }

  /**
   * One source record of the master and the path it took.
   *
   * @param delivery null when the ingestion log has no entry for the batch
   * @param standardizeRun null when no standardize run lists the batch
   */
  public record SourceRecord(String feed, String recordId, String matchRule, String resolveRunId, Instant linkedAt, String batchId,
      Instant ingestedAt, Delivery delivery, StandardizeRun standardizeRun) {
    public String recordKey() {
      return feed + ":" + recordId;
    }
  }

  /** The delivery (ops.ingestion_log) that landed a batch in bronze. */
  public record Delivery(String source, String flowfileId, Long bronzeSnapshotId, Instant deliveredAt) {}

  /** The standardize run (ops.quality_run) that took a batch to silver. */
  public record StandardizeRun(String runId, String status, Instant startedAt) {}

  /** Whether gold holds the master at all. */
  public boolean found() {
    return communityCode != null || !sources.isEmpty();
  }

  /** Reads the lineage from the lakehouse and the audit log's entries for the master ({@code reads}, newest first). */
  public static RecordLineage trace(LakehouseRows lake, String masterId, List<AuditEntry> reads) {
    requireNonNull(masterId, "masterId is null");
    String[] community = new String[1];
    Map<String, AttributeSource> attributes = new TreeMap<>();
    lake.forEachRow(LakehouseTable.GOLD_PERSON.identifier(), List.of("master_id", "community_code", "provenance"),
        Expressions.equal("master_id", masterId), r -> {
          if (masterId.equals(r.apply("master_id"))) {
            community[0] = (String) r.apply("community_code");
            @SuppressWarnings("unchecked")
            Map<CharSequence, CharSequence> provenance = (Map<CharSequence, CharSequence>) r.apply("provenance");
            if (provenance != null) {
              provenance.forEach((k, v) -> attributes.put(k.toString(), AttributeSource.parse(v.toString())));
            }
          }
        });

    record Link(String feed, String recordId, String matchRule, String runId, Instant linkedAt) {}
    List<Link> links = new ArrayList<>();
    lake.forEachRow(LakehouseTable.GOLD_XREF.identifier(),
        List.of("entity_type", "source_system", "source_record_id", "master_id", "match_rule", "run_id", "linked_at"),
        Expressions.and(Expressions.equal("entity_type", "PERSON"), Expressions.equal("master_id", masterId)), r -> {
          if (masterId.equals(r.apply("master_id")) && "PERSON".equals(r.apply("entity_type"))) {
            links.add(new Link((String) r.apply("source_system"), (String) r.apply("source_record_id"),
                (String) r.apply("match_rule"), (String) r.apply("run_id"), instant(r.apply("linked_at"))));
          }
        });

    // the current silver version of each linked record: its batch and ingestion time
    Set<String> keys = new HashSet<>();
    links.forEach(l -> keys.add(l.feed() + ":" + l.recordId()));
    Map<String, Object[]> latest = new HashMap<>();
    if (!links.isEmpty()) {
      lake.forEachRow(LakehouseTable.SILVER_PERSON.identifier(), List.of("source_system", "source_record_id", "batch_id", "ingested_at"),
          Expressions.in("source_record_id", links.stream().map(Link::recordId).distinct().toArray()), r -> {
            String key = r.apply("source_system") + ":" + r.apply("source_record_id");
            Instant at = instant(r.apply("ingested_at"));
            if (keys.contains(key) && (latest.get(key) == null || at.isAfter((Instant) latest.get(key)[1]))) {
              latest.put(key, new Object[] {r.apply("batch_id"), at});
            }
          });
    }
    Set<String> batches = new HashSet<>();
    latest.values().forEach(v -> batches.add((String) v[0]));
    Map<String, Delivery> deliveries = new HashMap<>();
    if (!batches.isEmpty()) {
      lake.forEachRow(LakehouseTable.INGESTION_LOG.identifier(),
          List.of("batch_id", "status", "source", "flowfile_id", "bronze_snapshot_id", "delivered_at"),
          Expressions.in("batch_id", batches.toArray()), r -> {
            if (batches.contains((String) r.apply("batch_id")) && "LANDED".equals(String.valueOf(r.apply("status")))) {
              deliveries.put((String) r.apply("batch_id"), new Delivery((String) r.apply("source"), (String) r.apply("flowfile_id"),
                  (Long) r.apply("bronze_snapshot_id"), instant(r.apply("delivered_at"))));
            }
          });
    }
    Map<String, StandardizeRun> runs = new HashMap<>();
    if (!batches.isEmpty()) {
      lake.forEachRow(LakehouseTable.QUALITY_RUN.identifier(), List.of("run_id", "batch_ids", "status", "started_at"), r -> {
        List<?> ids = (List<?>) r.apply("batch_ids");
        StandardizeRun run = new StandardizeRun((String) r.apply("run_id"), String.valueOf(r.apply("status")),
            instant(r.apply("started_at")));
        for (Object id : ids == null ? List.of() : ids) {
          if (batches.contains(id.toString()) && "PUBLISHED".equals(run.status())) {
            runs.merge(id.toString(), run, (a, b) -> a.startedAt().isBefore(b.startedAt()) ? a : b);
          }
        }
      });
    }

    List<SourceRecord> sources = new ArrayList<>();
    for (Link l : links) {
      Object[] version = latest.get(l.feed() + ":" + l.recordId());
      String batch = version == null ? null : (String) version[0];
      sources.add(new SourceRecord(l.feed(), l.recordId(), l.matchRule(), l.runId(), l.linkedAt(), batch,
          version == null ? null : (Instant) version[1], batch == null ? null : deliveries.get(batch),
          batch == null ? null : runs.get(batch)));
    }
    sources.sort(Comparator.comparing(SourceRecord::feed).thenComparing(SourceRecord::recordId));

    List<String> aliases = new ArrayList<>();
    lake.forEachRow(LakehouseTable.GOLD_MASTER_ALIAS.identifier(), List.of("alias_id", "entity_type", "master_id"),
        Expressions.equal("master_id", masterId), r -> {
          if (masterId.equals(r.apply("master_id")) && "PERSON".equals(String.valueOf(r.apply("entity_type")))) {
            aliases.add((String) r.apply("alias_id"));
          }
        });
    aliases.sort(null);
    return new RecordLineage(masterId, community[0], attributes, sources, aliases, reads);
  }

  /** The source record an attribute came from, when it is among the linked ones. */
  public Optional<SourceRecord> sourceOf(AttributeSource attribute) {
    return sources.stream().filter(s -> s.recordKey().equals(attribute.recordKey())).findFirst();
  }

  private static Instant instant(Object value) {
    if (value instanceof OffsetDateTime t) {
      return t.toInstant();
    }
    if (value instanceof java.time.LocalDateTime t) {
      return t.toInstant(java.time.ZoneOffset.UTC);
    }
    return (Instant) value;
  }
}
