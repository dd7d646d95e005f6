package org.cdhub.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.cdhub.model.lakehouse.LakehouseTable;

/**
 * silver.person keeps every version a feed delivered (one row per record and batch); resolve
 * and merge work on the current one: the latest ingested version of each source record.
 */
public final class SilverPersons {
  public static final String SOURCE_SYSTEM = "source_system";
  public static final String SOURCE_RECORD_ID = "source_record_id";

  private SilverPersons() {}

  public static Dataset<Row> current(Lakehouse lake) {
    lake.createIfMissing(LakehouseTable.SILVER_PERSON);
    return latest(lake.read(LakehouseTable.SILVER_PERSON));
  }

  /** The latest version of each source record among {@code silver}'s rows (all of silver.person, or some records' versions). */
  public static Dataset<Row> latest(Dataset<Row> silver) {
    // ties (same record twice in one batch) break on batch id, so the pick is deterministic
    return silver
        .withColumn("_version", row_number().over(Window.partitionBy(SOURCE_SYSTEM, SOURCE_RECORD_ID)
            .orderBy(col("ingested_at").desc(), col("batch_id").desc(), col("name").asc_nulls_last(), col("id_number").asc_nulls_last())))
        .filter(col("_version").equalTo(1))
        .drop("_version");
  }
}
