package org.cdhub.jobs.merge;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.cdhub.jobs.Lakehouse;
import org.cdhub.model.lakehouse.LakehouseTable;

/**
 * Writes what a merge run computed for a gold table as changes against what is stored: rows
 * whose content differs are upserted, stored rows whose key is gone are deleted, all in one
 * MERGE. Columns that only say when or by which run (updated_at, run_id, ...) do not count as
 * content, so a re-run on the same input writes nothing.
 */
final class GoldTableWriter {
  static final Set<String> BOOKKEEPING = Set.of("updated_at", "linked_at", "merged_at", "run_id");
  private static final String FINGERPRINT = "_fingerprint";

  private GoldTableWriter() {}

  /** Content of a row without its bookkeeping columns, comparable across runs (map entries sorted). */
  static Column fingerprint(StructType type) {
    List<String> parts = new ArrayList<>();
    for (StructField f : type.fields()) {
      if (BOOKKEEPING.contains(f.name())) {
        continue;
      }
      String c = "`" + f.name() + "`";
      parts.add(f.dataType() instanceof MapType
          ? "array_sort(transform(map_entries(" + c + "), e -> concat(e.key, '=', e.value))) AS " + c
          : c);
    }
    return expr("sha2(to_json(struct(" + String.join(", ", parts) + ")), 256)");
  }

  /** Writes {@code rows} as the new content of {@code table}; returns the number of rows changed. */
  static long write(Lakehouse lake, LakehouseTable table, Dataset<Row> rows, List<String> keys, String job) {
    java.util.OptionalLong appended = lake.appendIfNeverWritten(table.identifier(), rows, job);
    if (appended.isPresent()) {
      return appended.getAsLong();
    }
    StructType type = rows.schema();
    Dataset<Row> stored = lake.read(table);
    Dataset<Row> storedPrints = stored.select(fingerprint(type).as(FINGERPRINT));
    Dataset<Row> upserts = rows.withColumn(FINGERPRINT, fingerprint(type))
        .join(storedPrints, Lakehouse.columns(List.of(FINGERPRINT)), "left_anti")
        .drop(FINGERPRINT)
        .withColumn(Lakehouse.CHANGE_OP, lit(Lakehouse.UPSERT));
    Column[] keyColumns = keys.stream().map(c -> col(c)).toArray(Column[]::new);
    Dataset<Row> deletes = stored.select(keyColumns).join(rows.select(keyColumns), Lakehouse.columns(keys), "left_anti")
        .withColumn(Lakehouse.CHANGE_OP, lit(Lakehouse.DELETE));
    Dataset<Row> changes = upserts.unionByName(deletes, true).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long n = changes.count();
      if (n > 0) {
        lake.applyChanges(table.identifier(), changes, keys, job);
      }
      return n;
    } finally {
      changes.unpersist();
    }
  }
}
