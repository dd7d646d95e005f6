package org.cdhub.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.cdhub.model.contract.SourceContract;
import org.cdhub.model.lakehouse.BronzeEnvelope;
import org.cdhub.model.lakehouse.LakehouseTable;

/** Lands test rows in bronze the way the ingest flow does: envelope plus the raw strings, one snapshot per batch. */
public final class BronzeFixture {
  private BronzeFixture() {}

  public static void land(Lakehouse lake, SourceContract contract, String batch, List<Map<String, String>> records) {
    Schema schema = BronzeEnvelope.schemaFor(contract);
    TableIdentifier id = LakehouseTable.bronze(contract.feed());
    lake.createIfMissing(id, schema, PartitionSpec.unpartitioned());
    String recordIdField = contract.recordId().get(0);
    List<Row> rows = new ArrayList<>();
    Instant at = Instant.parse("2026-11-01T00:00:00Z").plusSeconds(batch.hashCode() & 0xffff);
    int i = 0;
    for (Map<String, String> r : records) {
      List<Object> values = new ArrayList<>(List.of(contract.feed(), r.get(recordIdField), batch, at.plusSeconds(i++), "hash-" + r.get(recordIdField)));
      for (var f : contract.fields()) {
        values.add(r.get(f.name()));
      }
      rows.add(RowFactory.create(values.toArray()));
    }
    try {
      // as the flow's landing does: one append per batch, the batch id in the snapshot summary
      lake.spark().createDataFrame(rows, Lakehouse.sparkType(schema)).writeTo(lake.sqlName(id))
          .option("snapshot-property." + Lakehouse.SNAPSHOT_JOB_PROPERTY, "test-ingest")
          .option("snapshot-property." + BronzeEnvelope.SNAPSHOT_BATCH_PROPERTY, batch)
          .append();
    } catch (NoSuchTableException e) {
      throw new IllegalStateException(e);
    }
  }
}
