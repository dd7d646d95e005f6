package org.cdhub.api.trino;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer to an ad hoc {@link DatasetQuery}: the columns returned and the rows, each a map from
 * column to value (String, Integer, Long, Double, BigDecimal, Boolean, LocalDate, Instant, List or
 * Map; null for SQL null). Values are as stored: callers mask personal fields and audit the read.
 *
 * @param table the table read
 * @param columns columns of every row, in order
 * @param rows the rows
 */
public record DatasetRows(TableName table, List<String> columns, List<Map<String, Object>> rows) {
  public DatasetRows {
    requireNonNull(table, "table is null");
    columns = List.copyOf(requireNonNull(columns, "columns is null"));
    // values may be null, which Map.copyOf refuses
    rows = requireNonNull(rows, "rows is null").stream()
        .map(row -> Collections.unmodifiableMap(new LinkedHashMap<>(row))).toList();
  }
}
