package org.cdhub.api.correction;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.cdhub.api.returndata.GoldPersonRecords;
import org.cdhub.api.returndata.PersonRecord;
import org.cdhub.catalog.correction.CommunityCorrection;
import org.cdhub.catalog.correction.CorrectionKind;
import org.cdhub.model.entity.EntityType;
import org.cdhub.model.lakehouse.BronzeEnvelope;
import org.cdhub.model.lakehouse.LakehouseTable;

/**
 * Works a correction's status out of the lakehouse through the plain Iceberg API, rather than
 * storing it back: the tables are the truth, and a re-run of resolve or merge that changes the
 * outcome shows at the next read without a job writing to the catalog database. Reads
 * bronze.community_correction, silver.quarantine and gold.xref filtered to the feed and the
 * records asked for, then gold.person's provenance of each linked master.
 */
public final class LakehouseCorrectionProgress implements CorrectionProgress {
  /** gold.person's provenance key of the attribute each kind corrects. */
  static final Map<CorrectionKind, String> ATTRIBUTE = Map.of(CorrectionKind.PHONE, "phone", CorrectionKind.ADDRESS,
      "address", CorrectionKind.MOVED_OUT, "status", CorrectionKind.DECEASED, "status");

  private final Catalog catalog;
  private final GoldPersonRecords persons;

  public LakehouseCorrectionProgress(Catalog catalog, GoldPersonRecords persons) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.persons = requireNonNull(persons, "persons is null");
  }

  @Override
  public Map<Long, Progress> of(List<CommunityCorrection> corrections) {
    Map<Long, Progress> out = new HashMap<>();
    if (corrections.isEmpty()) {
      return out;
    }
    List<String> ids = corrections.stream().map(c -> Long.toString(c.id())).toList();
    Expression ofFeed = Expressions.and(Expressions.equal("source_system", CommunityCorrection.FEED),
        Expressions.in("source_record_id", ids.toArray()));
    Set<String> landed = new HashSet<>();
    for (Record r : read(LakehouseTable.bronze(CommunityCorrection.FEED),
        Expressions.in(BronzeEnvelope.SOURCE_RECORD_ID, ids.toArray()))) {
      landed.add((String) r.getField(BronzeEnvelope.SOURCE_RECORD_ID));
    }
    Map<String, String> quarantined = new HashMap<>();
    for (Record r : read(LakehouseTable.QUARANTINE.identifier(), ofFeed)) {
      if (CommunityCorrection.FEED.equals(r.getField("source_system"))) {
        quarantined.put((String) r.getField("source_record_id"), "quarantined by rule " + r.getField("rule")
            + (r.getField("field") == null ? "" : " on field " + r.getField("field")));
      }
    }
    Map<String, String> linkedTo = new HashMap<>();
    for (Record r : read(LakehouseTable.GOLD_XREF.identifier(),
        Expressions.and(Expressions.equal("entity_type", EntityType.PERSON.name()), ofFeed))) {
      if (CommunityCorrection.FEED.equals(r.getField("source_system"))) {
        linkedTo.put((String) r.getField("source_record_id"), (String) r.getField("master_id"));
      }
    }
    Map<String, Optional<PersonRecord>> masters = new HashMap<>();
    for (CommunityCorrection c : corrections) {
      String id = Long.toString(c.id());
      String master = linkedTo.get(id);
      Progress progress;
      if (quarantined.containsKey(id)) {
        progress = new Progress(CorrectionStatus.REJECTED, quarantined.get(id));
      } else if (master != null && !master.equals(c.masterId())) {
        progress = new Progress(CorrectionStatus.REJECTED, "resolve linked it to another master, " + master);
      } else if (master != null) {
        progress = applied(c, id, masters.computeIfAbsent(master, persons::find));
      } else if (landed.contains(id)) {
        progress = new Progress(CorrectionStatus.INGESTED, null);
      } else {
        progress = new Progress(CorrectionStatus.RECEIVED, null);
      }
      out.put(c.id(), progress);
    }
    return out;
  }

  private static Progress applied(CommunityCorrection c, String id, Optional<PersonRecord> master) {
    String attribute = ATTRIBUTE.get(c.kind());
    String source = master.map(m -> m.person().provenance().get(attribute)).orElse(null);
    if (source == null) {
      return new Progress(CorrectionStatus.INGESTED, "linked to the master; gold.person has no " + attribute
          + " provenance yet");
    }
    // provenance is feed:record:RULE
    String[] parts = source.split(":", 3);
    if (parts.length == 3 && parts[0].equals(CommunityCorrection.FEED) && parts[1].equals(id)) {
      return new Progress(CorrectionStatus.APPLIED, null);
    }
    String by = parts[0].equals(CommunityCorrection.FEED) ? "a later correction" : "feed " + parts[0];
    return new Progress(CorrectionStatus.REJECTED, "survivorship took the " + attribute + " from " + by
        + (parts.length == 3 ? " (rule " + parts[2] + ")" : ""));
  }

  private List<Record> read(TableIdentifier name, Expression filter) {
    Table table;
    try {
      table = catalog.loadTable(name);
    } catch (NoSuchTableException e) {
      return List.of();
    }
    if (table.currentSnapshot() == null) {
      return List.of();
    }
    List<Record> out = new ArrayList<>();
    try (CloseableIterable<Record> rows = IcebergGenerics.read(table).where(filter).build()) {
      for (Record r : rows) {
        out.add(r.copy());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + name, e);
    }
    return out;
  }
}
