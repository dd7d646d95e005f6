package org.cdhub.catalog.lineage;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.expressions.Expression;

/**
 * Rows of a lakehouse table, as {@link RecordLineage} reads them. The catalog module has only
 * Iceberg's API, not its generic reader, so the launcher and the API each supply one.
 */
@FunctionalInterface
public interface LakehouseRows {
  /**
   * Calls {@code row} with a field lookup by column name for every row of {@code table} that may
   * match {@code filter} (the filter may only prune files: callers check their rows again).
   *
   * @return false when the table does not exist
   */
  boolean forEachRow(TableIdentifier table, List<String> columns, Expression filter, Consumer<Function<String, Object>> row);

  /** As {@link #forEachRow(TableIdentifier, List, Expression, Consumer)} over every row. */
  default boolean forEachRow(TableIdentifier table, List<String> columns, Consumer<Function<String, Object>> row) {
    return forEachRow(table, columns, org.apache.iceberg.expressions.Expressions.alwaysTrue(), row);
  }
}
