package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.cdhub.model.entity.EntityType;
import org.cdhub.model.entity.MasterPerson;
import org.cdhub.model.entity.Relationship;
import org.cdhub.model.entity.RelationshipType;
import org.cdhub.model.entity.SourceXref;
import org.cdhub.model.lakehouse.LakehouseTable;

/**
 * A person's record through the plain Iceberg Java API: its gold.person row (with provenance),
 * its edges in gold.relationship and its links in gold.xref. Relationship and xref tables are
 * partitioned by type, not by master id, so their reads filter on row values (Iceberg skips
 * files whose id ranges cannot hold the id).
 */
public final class IcebergGoldPersonRecords implements GoldPersonRecords {
  private final Catalog catalog;

  public IcebergGoldPersonRecords(Catalog catalog) {
    this.catalog = requireNonNull(catalog, "catalog is null");
  }

  @Override
  public Optional<PersonRecord> find(String masterId) {
    requireNonNull(masterId, "masterId is null");
    Table persons = load(LakehouseTable.GOLD_PERSON, true);
    List<Record> rows = read(persons, LakehouseTable.GOLD_PERSON, Expressions.equal("master_id", masterId));
    Optional<Record> row = rows.stream().filter(r -> masterId.equals(r.getField("master_id"))).findFirst();
    if (row.isEmpty()) {
      return Optional.empty();
    }
    MasterPerson person = withProvenance(IcebergGoldPersonRepository.toPerson(row.get()), row.get());
    return Optional.of(new PersonRecord(person, relationships(masterId), sourceRecords(masterId)));
  }

  private List<Relationship> relationships(String masterId) {
    Table table = load(LakehouseTable.GOLD_RELATIONSHIP, false);
    if (table == null) {
      return List.of();
    }
    List<Relationship> out = new ArrayList<>();
    for (Record r : read(table, LakehouseTable.GOLD_RELATIONSHIP,
        Expressions.or(Expressions.equal("from_id", masterId), Expressions.equal("to_id", masterId)))) {
      if (masterId.equals(r.getField("from_id")) || masterId.equals(r.getField("to_id"))) {
        out.add(new Relationship(RelationshipType.valueOf((String) r.getField("relationship_type")), (String) r.getField("from_id"),
            (String) r.getField("to_id"), (String) r.getField("source_system"), (String) r.getField("source_record_id"),
            instant(r.getField("valid_from")), instant(r.getField("updated_at"))));
      }
    }
    out.sort(Comparator.comparing((Relationship e) -> e.relationshipType().name()).thenComparing(Relationship::fromId)
        .thenComparing(Relationship::toId));
    return out;
  }

  private List<SourceXref> sourceRecords(String masterId) {
    Table table = load(LakehouseTable.GOLD_XREF, false);
    if (table == null) {
      return List.of();
    }
    List<SourceXref> out = new ArrayList<>();
    for (Record r : read(table, LakehouseTable.GOLD_XREF, Expressions.and(
        Expressions.equal("entity_type", EntityType.PERSON.name()), Expressions.equal("master_id", masterId)))) {
      if (masterId.equals(r.getField("master_id"))) {
        out.add(new SourceXref((String) r.getField("source_system"), (String) r.getField("source_record_id"), EntityType.PERSON, masterId,
            (String) r.getField("match_rule"), (Double) r.getField("match_score"), (String) r.getField("run_id"),
            instant(r.getField("linked_at"))));
      }
    }
    out.sort(Comparator.comparing(SourceXref::sourceSystem).thenComparing(SourceXref::sourceRecordId));
    return out;
  }

  /** The table, or null when an optional one does not exist; a missing gold.person is an unavailable dataset. */
  private Table load(LakehouseTable table, boolean required) {
    try {
      return catalog.loadTable(table.identifier());
    } catch (NoSuchTableException e) {
      if (!required) {
        return null;
      }
      throw new DatasetUnavailableException(table.qualifiedName(),
          "Table " + table.qualifiedName() + " does not exist yet: run the merge job (./hub run merge) first");
    }
  }

  private static List<Record> read(Table table, LakehouseTable which, Expression filter) {
    if (table.currentSnapshot() == null) {
      return List.of();
    }
    List<Record> out = new ArrayList<>();
    try (CloseableIterable<Record> rows = IcebergGenerics.read(table).where(filter).build()) {
      for (Record r : rows) {
        out.add(r.copy());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + which.qualifiedName(), e);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static MasterPerson withProvenance(MasterPerson p, Record row) {
    Object stored = row.getField("provenance");
    Map<String, String> provenance = stored == null ? Map.of() : new HashMap<>((Map<String, String>) stored);
    return new MasterPerson(p.masterId(), p.idNumber(), p.otherIdNumber(), p.name(), p.namePinyin(), p.sex(), p.birthDate(), p.phone(),
        p.address(), p.houseId(), p.districtCode(), p.communityCode(), p.gridCode(), p.tags(), p.status(), provenance, p.sourceCount(), p.updatedAt());
  }

  private static Instant instant(Object value) {
    if (value == null) {
      return null;
    }
    return value instanceof OffsetDateTime odt ? odt.toInstant() : (Instant) value;
  }
}
