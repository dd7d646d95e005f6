package org.cdhub.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.cdhub.model.lakehouse.LakehouseTable;

/** The current version of every record of a silver table: its latest delivery. */
public final class SilverRecords {
  private SilverRecords() {}

  public static Dataset<Row> current(Lakehouse lake, LakehouseTable table) {
    if (table == LakehouseTable.SILVER_PERSON) {
      return SilverPersons.current(lake);
    }
    lake.createIfMissing(table);
    Dataset<Row> silver = lake.read(table);
    // ties (one record twice in a batch) break on the row's content, so the pick is deterministic
    Column content = xxhash64(Arrays.stream(silver.columns()).map(c -> col(c)).toArray(Column[]::new));
    return silver
        .withColumn("_version", row_number().over(Window.partitionBy(SilverPersons.SOURCE_SYSTEM, SilverPersons.SOURCE_RECORD_ID)
            .orderBy(col("ingested_at").desc(), col("batch_id").desc(), content.asc())))
        .filter(col("_version").equalTo(1))
        .drop("_version");
  }
}
