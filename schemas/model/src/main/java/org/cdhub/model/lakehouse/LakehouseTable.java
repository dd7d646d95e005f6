package org.cdhub.model.lakehouse;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.cdhub.model.entity.MasterAlias;
import org.cdhub.model.entity.MasterEvent;
import org.cdhub.model.entity.MasterOrganization;
import org.cdhub.model.entity.MasterPerson;
import org.cdhub.model.entity.MasterPlace;
import org.cdhub.model.entity.MasterThing;
import org.cdhub.model.entity.PersonMatch;
import org.cdhub.model.entity.QuarantinedRecord;
import org.cdhub.model.entity.Relationship;
import org.cdhub.model.entity.SilverEvent;
import org.cdhub.model.entity.SilverOrganization;
import org.cdhub.model.entity.SilverPerson;
import org.cdhub.model.entity.SilverPlace;
import org.cdhub.model.entity.SilverThing;
import org.cdhub.model.entity.SourceXref;
import org.cdhub.model.ops.IngestionLogEntry;
import org.cdhub.model.ops.QualityMetric;
import org.cdhub.model.ops.QualityRun;
import org.cdhub.model.ops.StewardDecision;
import org.cdhub.model.schema.Doc;
import org.cdhub.model.schema.Sensitivity;
import org.cdhub.model.schema.TableSchemas;

/**
 * The lakehouse tables with a fixed schema, one place for their names, schemas and
 * partitioning. Bronze tables are per feed: see {@link BronzeEnvelope} and {@link #bronze}.
 */
public enum LakehouseTable {
  SILVER_PERSON("silver", "person", SilverPerson.class, "source_system"),
  SILVER_PLACE("silver", "place", SilverPlace.class, "source_system"),
  SILVER_THING("silver", "thing", SilverThing.class, "source_system"),
  SILVER_EVENT("silver", "event", SilverEvent.class, "source_system"),
  SILVER_ORGANIZATION("silver", "organization", SilverOrganization.class, "source_system"),
  QUARANTINE("silver", "quarantine", QuarantinedRecord.class, "source_system"),
  GOLD_PERSON("gold", "person", MasterPerson.class, "community_code"),
  GOLD_PLACE("gold", "place", MasterPlace.class, "community_code"),
  GOLD_THING("gold", "thing", MasterThing.class, "community_code"),
  GOLD_EVENT("gold", "event", MasterEvent.class, "community_code"),
  GOLD_ORGANIZATION("gold", "organization", MasterOrganization.class, "community_code"),
  GOLD_XREF("gold", "xref", SourceXref.class, "entity_type"),
  GOLD_RELATIONSHIP("gold", "relationship", Relationship.class, "relationship_type"),
  GOLD_PERSON_MATCH("gold", "person_match", PersonMatch.class, "status"),
  GOLD_MASTER_ALIAS("gold", "master_alias", MasterAlias.class, "entity_type"),
  INGESTION_LOG("ops", "ingestion_log", IngestionLogEntry.class, "feed"),
  QUALITY_RUN("ops", "quality_run", QualityRun.class, "feed"),
  QUALITY_METRIC("ops", "quality_metric", QualityMetric.class, "feed"),
  STEWARD_DECISION("ops", "steward_decision", StewardDecision.class, "entity_type");

  public static final String BRONZE = "bronze";

  private final String namespace;
  private final String name;
  private final Class<? extends Record> rowType;
  private final String partitionColumn;

  LakehouseTable(String namespace, String name, Class<? extends Record> rowType, String partitionColumn) {
    this.namespace = namespace;
    this.name = name;
    this.rowType = rowType;
    this.partitionColumn = partitionColumn;
  }

  public TableIdentifier identifier() {
    return TableIdentifier.of(Namespace.of(namespace), name);
  }

  /** {@code namespace.name}, as SQL engines spell it inside the hub's catalog. */
  public String qualifiedName() {
    return namespace + "." + name;
  }

  public Class<? extends Record> rowType() {
    return rowType;
  }

  public Schema schema() {
    return TableSchemas.of(rowType);
  }

  public PartitionSpec partitionSpec() {
    return PartitionSpec.builderFor(schema()).identity(partitionColumn).build();
  }

  public String description() {
    Doc doc = rowType.getAnnotation(Doc.class);
    return doc == null ? qualifiedName() : doc.value();
  }

  /**
   * Iceberg table properties the table is created with: format v2, and Parquet's dictionary off
   * for {@link org.cdhub.model.schema.NearlyUnique} columns.
   */
  public Map<String, String> tableProperties() {
    Map<String, String> properties = new java.util.TreeMap<>();
    properties.put("format-version", "2");
    for (String column : TableSchemas.nearlyUnique(rowType)) {
      properties.put("write.parquet.dict-encoding-enabled.column." + column, "false");
    }
    return properties;
  }

  public Map<String, Sensitivity> sensitivity() {
    return TableSchemas.sensitivity(rowType);
  }

  /** The bronze table of one feed: {@code bronze.<feed>}. */
  public static TableIdentifier bronze(String feed) {
    requireNonNull(feed, "feed is null");
    if (!feed.matches("[a-z][a-z0-9_]{1,62}")) {
      throw new IllegalArgumentException("Cannot name bronze table: feed id must be lower snake case: " + feed);
    }
    return TableIdentifier.of(Namespace.of(BRONZE), feed);
  }

  /** The silver table standardize writes records of {@code entity} to. */
  public static LakehouseTable silver(org.cdhub.model.entity.EntityType entity) {
    return switch (requireNonNull(entity, "entity is null")) {
      case PERSON -> SILVER_PERSON;
      case PLACE -> SILVER_PLACE;
      case THING -> SILVER_THING;
      case EVENT -> SILVER_EVENT;
      case ORGANIZATION -> SILVER_ORGANIZATION;
    };
  }

  /** The gold table merge writes the golden records of {@code entity} to. */
  public static LakehouseTable gold(org.cdhub.model.entity.EntityType entity) {
    return switch (requireNonNull(entity, "entity is null")) {
      case PERSON -> GOLD_PERSON;
      case PLACE -> GOLD_PLACE;
      case THING -> GOLD_THING;
      case EVENT -> GOLD_EVENT;
      case ORGANIZATION -> GOLD_ORGANIZATION;
    };
  }
}
