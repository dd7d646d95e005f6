package org.cdhub.api.trino;

import static java.util.Objects.requireNonNull;

import io.trino.jdbc.TrinoDriver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.cdhub.api.returndata.DatasetUnavailableException;
import org.cdhub.api.returndata.SnapshotExpiredException;

/**
 * SQL over the lakehouse through Trino JDBC: read-only queries on one Iceberg table at a time,
 * built from a {@link DatasetQuery}. Every identifier is checked against the table's actual
 * columns (Trino's information_schema) and quoted; every value is a parameter; every query has
 * {@code hub.trino.query-timeout} (Trino's {@code query_max_run_time}) and at most
 * {@code hub.trino.max-rows} rows. Trino's failures become {@link TrinoUnavailableException},
 * {@link InvalidQueryException}, {@link DatasetUnavailableException} or {@link SnapshotExpiredException}.
 *
 * <p>A connection per query: the driver shares one HTTP client, so opening one costs no round trip.
 */
public final class TrinoLakehouse implements AutoCloseable {
  /** How long a table's columns are trusted before information_schema is asked again (schema evolution). */
  static final Duration COLUMNS_TTL = Duration.ofMinutes(1);
  /** Types a filter value may be cast to: as information_schema spells Trino's types; no quotes, no semicolons. */
  private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9 (),]*");

  private final TrinoConfig config;
  private final Clock clock;
  private final TrinoDriver driver = new TrinoDriver();
  private final Properties connectionProperties = new Properties();
  private final Map<TableName, KnownColumns> knownColumns = new ConcurrentHashMap<>();

  /** A table's columns (name to Trino type, in table order) as read at {@code readAt}. */
  private record KnownColumns(Map<String, String> types, Instant readAt) {}

  /** Reads one row of a result; {@code rs} stands on the row. */
  @FunctionalInterface
  public interface RowReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  public TrinoLakehouse(TrinoConfig config, Clock clock) {
    this.config = requireNonNull(config, "config is null");
    this.clock = requireNonNull(clock, "clock is null");
    if (!config.configured()) {
      throw new IllegalArgumentException("Cannot query Trino: hub.trino.jdbc-url is not set");
    }
    connectionProperties.setProperty("user", config.user());
    if (config.password() != null) {
      connectionProperties.setProperty("password", config.password());
    }
    connectionProperties.setProperty("source", "cdhub-api");
    // the HTTP client's own limit, so a server that stops answering cannot hold a request past the query timeout
    connectionProperties.setProperty("timeout", (config.queryTimeout().toSeconds() + 5) + "s");
  }

  /**
   * The same Trino for queries as {@code user} (without this one's password): what Trino's access
   * rules give that user is all it reads. Close it after use.
   */
  public TrinoLakehouse asUser(String user) {
    return new TrinoLakehouse(config.withUser(user), clock);
  }

  public TrinoConfig config() {
    return config;
  }

  /**
   * A dataset's table: {@code schema.table}, or {@code table} in {@code hub.trino.schema}.
   *
   * @throws InvalidQueryException (field {@code dataset}) for any other name
   */
  public TableName table(String qualifiedName) {
    return TableName.parse(qualifiedName, config.schema());
  }

  /**
   * The table's current snapshot (its {@code main} branch), empty while the table holds no data.
   *
   * @throws DatasetUnavailableException if the table does not exist
   */
  public OptionalLong currentSnapshotId(TableName table) {
    requireNonNull(table, "table is null");
    List<Long> ids = run(table, null, "SELECT snapshot_id FROM " + table.sql(config.catalog(), "$refs")
        + " WHERE name = ? AND type = ?", List.of("main", "BRANCH"), rs -> rs.getLong(1), 1);
    return ids.isEmpty() ? OptionalLong.empty() : OptionalLong.of(ids.get(0));
  }

  /**
   * The table's columns and their Trino types, in table order.
   *
   * @throws DatasetUnavailableException if the table does not exist
   */
  public Map<String, String> columns(TableName table) {
    requireNonNull(table, "table is null");
    KnownColumns known = knownColumns.get(table);
    Instant now = clock.instant();
    if (known != null && now.isBefore(known.readAt().plus(COLUMNS_TTL))) {
      return known.types();
    }
    List<String[]> rows = run(table, null, "SELECT column_name, data_type FROM " + TableName.quote(config.catalog())
            + ".information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position",
        List.of(table.schema(), table.table()), rs -> new String[] {rs.getString(1), rs.getString(2)}, config.maxRows());
    if (rows.isEmpty()) {
      throw notThere(table, null);
    }
    Map<String, String> types = new LinkedHashMap<>();
    rows.forEach(r -> types.put(r[0], r[1]));
    Map<String, String> fixed = Collections.unmodifiableMap(types);
    knownColumns.put(table, new KnownColumns(fixed, now));
    return fixed;
  }

  /**
   * Ad hoc: the query's rows as column-to-value maps.
   *
   * @throws InvalidQueryException for an unknown column or a limit over {@code hub.trino.max-rows}
   */
  public DatasetRows select(DatasetQuery query) {
    List<String> selected = query.columns().isEmpty() ? List.copyOf(columns(query.table()).keySet()) : query.columns();
    DatasetQuery all = query.select(selected);
    List<Map<String, Object>> rows = select(all, rs -> {
      Map<String, Object> row = new LinkedHashMap<>();
      for (int i = 0; i < selected.size(); i++) {
        row.put(selected.get(i), plain(rs.getObject(i + 1)));
      }
      return row;
    });
    return new DatasetRows(query.table(), selected, rows);
  }

  /**
   * The query's rows, each read by {@code reader}; columns in the order of {@link DatasetQuery#columns()}.
   *
   * @throws InvalidQueryException for an unknown column, no columns, or a limit over {@code hub.trino.max-rows}
   * @throws SnapshotExpiredException if the pinned snapshot is not kept (any more)
   */
  public <T> List<T> select(DatasetQuery query, RowReader<T> reader) {
    requireNonNull(query, "query is null");
    requireNonNull(reader, "reader is null");
    TableName table = query.table();
    if (query.limit() > config.maxRows()) {
      throw new InvalidQueryException("limit", "max", "Cannot query " + table + ": limit must be at most "
          + config.maxRows() + " (hub.trino.max-rows), was " + query.limit());
    }
    if (query.columns().isEmpty()) {
      throw new InvalidQueryException("columns", "required", "Cannot query " + table + ": name the columns to read");
    }
    Map<String, String> types = columns(table);
    query.columns().forEach(c -> requireColumn(table, types, "columns", c));
    StringBuilder sql = new StringBuilder("SELECT ");
    sql.append(String.join(", ", query.columns().stream().map(TableName::quote).toList()));
    sql.append(" FROM ").append(table.sql(config.catalog(), null));
    List<Object> parameters = new ArrayList<>();
    if (query.snapshotId() != null) {
      // Trino takes no parameter here (INVALID_PARAMETER_USAGE); a long printed as digits is no injection
      sql.append(" FOR VERSION AS OF ").append(query.snapshotId().longValue());
    }
    List<String> conditions = new ArrayList<>();
    query.equalTo().forEach((column, value) -> {
      conditions.add(TableName.quote(column) + " = " + castedParameter(table, types, "filter", column));
      parameters.add(value);
    });
    if (query.orderBy() != null) {
      requireColumn(table, types, "orderBy", query.orderBy());
      if (query.after() != null) {
        conditions.add(TableName.quote(query.orderBy()) + " > " + castedParameter(table, types, "after", query.orderBy()));
        parameters.add(query.after());
      }
    }
    if (!conditions.isEmpty()) {
      sql.append(" WHERE ").append(String.join(" AND ", conditions));
    }
    if (query.orderBy() != null) {
      sql.append(" ORDER BY ").append(TableName.quote(query.orderBy()));
    }
    sql.append(" LIMIT ").append(query.limit()); // an int checked above, not text
    return run(table, query.snapshotId(), sql.toString(), parameters, reader, query.limit());
  }

  private <T> List<T> run(TableName table, Long snapshotId, String sql, List<Object> parameters, RowReader<T> reader,
      int maxRows) {
    try (Connection connection = driver.connect(config.jdbcUrl(), connectionProperties);
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setQueryTimeout((int) config.queryTimeout().toSeconds());
      statement.setMaxRows(maxRows);
      for (int i = 0; i < parameters.size(); i++) {
        statement.setObject(i + 1, parameters.get(i));
      }
      List<T> out = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          out.add(reader.read(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw translate(e, table, snapshotId);
    }
  }

  /** The hub's exception for a failed query: Trino's error codes are stable numbers of its SPI. */
  private RuntimeException translate(SQLException e, TableName table, Long snapshotId) {
    String where = "Cannot query " + table + " through Trino at " + TrinoConfig.redacted(config.jdbcUrl());
    if (causedByIo(e)) {
      return new TrinoUnavailableException(TrinoUnavailableException.UNAVAILABLE,
          where + ": it does not answer; try again later", e);
    }
    TrinoError error = TrinoError.of(e.getErrorCode(), e.getMessage());
    return switch (error) {
      case EXCEEDED_TIME_LIMIT -> new TrinoUnavailableException(TrinoUnavailableException.TIMEOUT,
          where + ": the query ran past hub.trino.query-timeout (" + config.queryTimeout().toSeconds() + "s)", e);
      case SERVER_STARTING_UP, NO_NODES_AVAILABLE, CATALOG_UNAVAILABLE, CATALOG_NOT_AVAILABLE ->
          new TrinoUnavailableException(TrinoUnavailableException.UNAVAILABLE, where + ": Trino is not ready ("
              + error + "); try again later", e);
      case CATALOG_NOT_FOUND -> new TrinoUnavailableException(TrinoUnavailableException.UNAVAILABLE,
          where + ": Trino has no catalog '" + config.catalog() + "' (hub.trino.catalog)", e);
      case SCHEMA_NOT_FOUND, TABLE_NOT_FOUND -> notThere(table, e);
      case COLUMN_NOT_FOUND -> new InvalidQueryException("columns", "unknown-column",
          "Cannot query " + table + ": a column does not exist" + (snapshotId == null ? "" : " at snapshot " + snapshotId));
      case INVALID_ARGUMENTS -> snapshotId != null && !snapshotKept(table, snapshotId)
          ? new SnapshotExpiredException(table.toString(), snapshotId)
          : rejected(table, e);
      case USER_ERROR -> rejected(table, e);
      case OTHER -> new IllegalStateException(where + ": Trino error code " + e.getErrorCode(), e);
    };
  }

  private boolean snapshotKept(TableName table, long snapshotId) {
    List<Long> found = run(table, null, "SELECT snapshot_id FROM " + table.sql(config.catalog(), "$snapshots")
        + " WHERE snapshot_id = ?", List.of(snapshotId), rs -> rs.getLong(1), 1);
    return !found.isEmpty();
  }

  private static InvalidQueryException rejected(TableName table, SQLException e) {
    // Trino's own message may quote filter values (personal data): only its error code is passed on
    return new InvalidQueryException("query", "rejected",
        "Cannot query " + table + ": Trino refused the query (Trino error code " + e.getErrorCode() + ")");
  }

  private static DatasetUnavailableException notThere(TableName table, Throwable cause) {
    DatasetUnavailableException e = new DatasetUnavailableException(table.toString(),
        "Table " + table + " does not exist in Trino's lakehouse catalog (yet): publish it first");
    if (cause != null) {
      e.initCause(cause);
    }
    return e;
  }

  private static void requireColumn(TableName table, Map<String, String> types, String field, String column) {
    if (!types.containsKey(column)) {
      throw new InvalidQueryException(field, "unknown-column",
          "Cannot query " + table + ": it has no column '" + column + "'");
    }
  }

  /** A parameter cast to the column's type, so text values compare with dates, numbers and booleans. */
  private static String castedParameter(TableName table, Map<String, String> types, String field, String column) {
    requireColumn(table, types, field, column);
    String type = types.get(column);
    if (!TYPE.matcher(type).matches() || type.startsWith("array") || type.startsWith("map") || type.startsWith("row")) {
      throw new InvalidQueryException(field, "not-comparable",
          "Cannot query " + table + ": column '" + column + "' of type " + type + " cannot be compared with a value");
    }
    return "CAST(? AS " + type + ")";
  }

  private static boolean causedByIo(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  /** JDBC's types as plain Java values. */
  static Object plain(Object value) throws SQLException {
    if (value instanceof java.sql.Date date) {
      return date.toLocalDate();
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant();
    }
    if (value instanceof Array array) {
      List<Object> items = new ArrayList<>();
      for (Object item : (Object[]) array.getArray()) {
        items.add(plain(item));
      }
      return Collections.unmodifiableList(items);
    }
    return value;
  }

  @Override
  public void close() {
    try {
      driver.close(); // its HTTP client's threads
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close the Trino driver", e);
    }
  }

  @Override
  public String toString() {
    return "TrinoLakehouse[" + config + "]";
  }

  /** The Trino errors the hub tells apart (io.trino.spi.StandardErrorCode numbers, part of Trino's SPI). */
  enum TrinoError {
    CATALOG_NOT_FOUND(44), SCHEMA_NOT_FOUND(45), TABLE_NOT_FOUND(46), COLUMN_NOT_FOUND(47), INVALID_ARGUMENTS(76),
    CATALOG_UNAVAILABLE(125), NO_NODES_AVAILABLE(65541), SERVER_STARTING_UP(65548), CATALOG_NOT_AVAILABLE(65565),
    EXCEEDED_TIME_LIMIT(131075),
    /** Any other error of the USER_ERROR type (codes below 0x10000): the query, not Trino, is at fault. */
    USER_ERROR(-1),
    OTHER(-2);

    private final int code;

    TrinoError(int code) {
      this.code = code;
    }

    static TrinoError of(int code, String message) {
      boolean queryFailed = message != null && message.startsWith("Query failed");
      if (!queryFailed) {
        return OTHER; // the driver's own failure, not a Trino error code
      }
      return Arrays.stream(values()).filter(e -> e.code == code).findFirst()
          .orElse(code >= 0 && code < 0x10000 ? USER_ERROR : OTHER);
    }
  }
}
