package org.cdhub.launcher;

import java.nio.file.Path;
import java.util.List;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.cdhub.model.lakehouse.LakehouseConfig;
import org.cdhub.model.lakehouse.LakehouseTable;

/**
 * ops.quality_run, ops.quality_metric and silver.quarantine in a temp data directory (embedded
 * profile), written with the plain Iceberg generic writer as the standardize job's tables would be.
 */
final class QualityTables implements AutoCloseable {
  private final JdbcCatalog catalog;

  QualityTables(Path dataDir) {
    LakehouseConfig config = LakehouseConfig.embedded(dataDir);
    catalog = new JdbcCatalog();
    catalog.initialize(config.catalogName(), config.icebergCatalogProperties(true));
    for (LakehouseTable t : List.of(LakehouseTable.QUALITY_RUN, LakehouseTable.QUALITY_METRIC, LakehouseTable.QUARANTINE)) {
      Namespace ns = t.identifier().namespace();
      if (!catalog.namespaceExists(ns)) {
        catalog.createNamespace(ns);
      }
      catalog.createTable(t.identifier(), t.schema(), t.partitionSpec());
    }
  }

  /** Appends the rows (records of the table's row type) in one commit, one Parquet file per partition. */
  QualityTables append(LakehouseTable t, List<? extends java.lang.Record> rows) {
    IcebergAppends.append(catalog.loadTable(t.identifier()), rows, "test");
    return this;
  }

  @Override
  public void close() {
    catalog.close();
  }
}
