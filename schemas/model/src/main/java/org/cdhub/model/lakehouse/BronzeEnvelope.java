package org.cdhub.model.lakehouse;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;
import org.cdhub.model.contract.SourceContract;

/**
 * The columns every bronze row carries in front of the raw fields. Raw fields arrive as
 * strings exactly as delivered; typing happens in silver.
 */
public final class BronzeEnvelope {
  public static final String SOURCE_SYSTEM = "_source_system";
  public static final String SOURCE_RECORD_ID = "_source_record_id";
  public static final String BATCH_ID = "_batch_id";
  public static final String INGESTED_AT = "_ingested_at";
  public static final String PAYLOAD_HASH = "_payload_hash";

  /** Envelope column names, in table order. */
  public static final List<String> COLUMNS =
      List.of(SOURCE_SYSTEM, SOURCE_RECORD_ID, BATCH_ID, INGESTED_AT, PAYLOAD_HASH);

  /** Snapshot summary property holding the batch id, so a replayed batch is recognised. */
  public static final String SNAPSHOT_BATCH_PROPERTY = "hub.batch-id";

  private BronzeEnvelope() {}

  /** Bronze schema of a feed: the envelope, then one optional string column per contract field. */
  public static Schema schemaFor(SourceContract contract) {
    requireNonNull(contract, "contract is null");
    List<String> raw = new ArrayList<>();
    contract.fields().forEach(f -> raw.add(f.name()));
    return schemaFor(raw);
  }

  /** Bronze schema for the given raw field names (order kept, duplicates and envelope names rejected). */
  public static Schema schemaFor(List<String> rawFields) {
    Set<String> seen = new LinkedHashSet<>();
    List<Types.NestedField> fields = new ArrayList<>();
    int id = 0;
    fields.add(Types.NestedField.required(++id, SOURCE_SYSTEM, Types.StringType.get(), "Feed the row came from"));
    fields.add(Types.NestedField.required(++id, SOURCE_RECORD_ID, Types.StringType.get(), "Record id within the feed"));
    fields.add(Types.NestedField.required(++id, BATCH_ID, Types.StringType.get(), "Ingestion batch id"));
    fields.add(Types.NestedField.required(++id, INGESTED_AT, Types.TimestampType.withZone(), "When the hub received the row"));
    fields.add(Types.NestedField.required(++id, PAYLOAD_HASH, Types.StringType.get(), "SHA-256 of the raw payload"));
    for (String name : rawFields) {
      if (COLUMNS.contains(name) || !seen.add(name)) {
        throw new IllegalArgumentException("Cannot build bronze schema: raw field name is duplicate or reserved: " + name);
      }
      fields.add(Types.NestedField.optional(++id, name, Types.StringType.get()));
    }
    return new Schema(fields);
  }
}
