package org.cdhub.api.trino;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A read of one lakehouse table through Trino: selected columns, equality filters, an optional
 * pinned snapshot and keyset pagination (rows ordered by one column, after a value of it).
 * Immutable: each refinement returns a new query. Column names are checked here for form and by
 * {@link TrinoLakehouse} against the table's actual columns; values only ever travel as parameters.
 *
 * @param table the table read
 * @param columns columns returned, in this order; empty for all of the table's columns
 * @param equalTo column to the value it must equal (compared after a cast to the column's type)
 * @param snapshotId Iceberg snapshot read ({@code FOR VERSION AS OF}); null for the current one
 * @param orderBy column the rows are ordered by; null for no order
 * @param after only rows whose {@code orderBy} value is greater than this; null for no bound
 * @param limit most rows returned (at most {@code hub.trino.max-rows})
 */
public record DatasetQuery(TableName table, List<String> columns, Map<String, String> equalTo, Long snapshotId,
    String orderBy, String after, int limit) {
  public static final int DEFAULT_LIMIT = 100;

  public DatasetQuery {
    requireNonNull(table, "table is null");
    columns = List.copyOf(requireNonNull(columns, "columns is null"));
    requireNonNull(equalTo, "equalTo is null");
    for (String column : columns) {
      requireIdentifier("columns", column);
    }
    if (columns.stream().distinct().count() != columns.size()) {
      throw new InvalidQueryException("columns", "duplicate", "Cannot query " + table + ": a column is selected twice: " + columns);
    }
    for (Map.Entry<String, String> filter : equalTo.entrySet()) {
      requireIdentifier("filter", filter.getKey());
      if (filter.getValue() == null) {
        throw new InvalidQueryException("filter", "null", "Cannot query " + table + ": filter on " + filter.getKey()
            + " has no value (equality with null matches nothing)");
      }
    }
    equalTo = Collections.unmodifiableMap(new LinkedHashMap<>(equalTo));
    if (orderBy != null) {
      requireIdentifier("orderBy", orderBy);
    }
    if (after != null && orderBy == null) {
      throw new InvalidQueryException("after", "without-order", "Cannot query " + table + ": 'after' needs an order column");
    }
    if (limit < 1) {
      throw new InvalidQueryException("limit", "min", "Cannot query " + table + ": limit must be at least 1, was " + limit);
    }
  }

  /** Every column of the table, no filter, current snapshot, at most {@link #DEFAULT_LIMIT} rows. */
  public static DatasetQuery from(TableName table) {
    return new DatasetQuery(table, List.of(), Map.of(), null, null, null, DEFAULT_LIMIT);
  }

  public DatasetQuery select(List<String> selected) {
    return new DatasetQuery(table, selected, equalTo, snapshotId, orderBy, after, limit);
  }

  public DatasetQuery select(String... selected) {
    return select(List.of(selected));
  }

  /** Also requires {@code column} to equal {@code value}. */
  public DatasetQuery where(String column, String value) {
    Map<String, String> filters = new LinkedHashMap<>(equalTo);
    filters.put(requireNonNull(column, "column is null"), value);
    return new DatasetQuery(table, columns, filters, snapshotId, orderBy, after, limit);
  }

  public DatasetQuery atSnapshot(long snapshot) {
    return new DatasetQuery(table, columns, equalTo, snapshot, orderBy, after, limit);
  }

  public DatasetQuery orderBy(String column) {
    return new DatasetQuery(table, columns, equalTo, snapshotId, column, after, limit);
  }

  /** Rows after {@code value} of the order column (keyset pagination); null for from the first. */
  public DatasetQuery after(String value) {
    return new DatasetQuery(table, columns, equalTo, snapshotId, orderBy, value, limit);
  }

  public DatasetQuery limit(int rows) {
    return new DatasetQuery(table, columns, equalTo, snapshotId, orderBy, after, rows);
  }

  private static void requireIdentifier(String field, String column) {
    if (!TableName.isIdentifier(column)) {
      throw new InvalidQueryException(field, "invalid-identifier", "Cannot query dataset: " + field
          + " must name columns by lower-case identifiers, was '" + TableName.echo(String.valueOf(column)) + "'");
    }
  }
}
