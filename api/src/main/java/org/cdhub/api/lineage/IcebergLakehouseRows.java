package org.cdhub.api.lineage;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.io.CloseableIterable;
import org.cdhub.catalog.lineage.LakehouseRows;

/** The lakehouse's current snapshots read with Iceberg's generic reader, for {@link org.cdhub.catalog.lineage.RecordLineage}. */
final class IcebergLakehouseRows implements LakehouseRows {
  private final Catalog catalog;

  IcebergLakehouseRows(Catalog catalog) {
    this.catalog = requireNonNull(catalog, "catalog is null");
  }

  @Override
  public boolean forEachRow(TableIdentifier id, List<String> columns, Expression filter, Consumer<Function<String, Object>> row) {
    if (!catalog.tableExists(id)) {
      return false;
    }
    Table table = catalog.loadTable(id);
    try (CloseableIterable<Record> rows = IcebergGenerics.read(table).select(columns.toArray(String[]::new)).where(filter).build()) {
      for (Record r : rows) {
        row.accept(r::getField);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + id, e);
    }
    return true;
  }
}
