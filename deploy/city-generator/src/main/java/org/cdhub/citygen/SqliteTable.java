package org.cdhub.citygen;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;

/**
 * Streams rows into one table of an embedded database: a prepared insert, executed in batches
 * inside large transactions. The DDL it is given stays portable (SQLite, PostgreSQL, MariaDB).
 */
final class SqliteTable {
  private static final int BATCH = 1_000;
  private static final int COMMIT_EVERY = 20_000;

  private final Connection connection;
  private final String table;
  private final PreparedStatement insert;
  private final int width;
  private long rows;

  SqliteTable(Connection connection, String table, String ddl, List<String> columns) {
    this.connection = requireNonNull(connection, "connection is null");
    this.table = requireNonNull(table, "table is null");
    this.width = columns.size();
    try (Statement s = connection.createStatement()) {
      s.execute(ddl);
      this.insert = connection.prepareStatement("INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
          + String.join(", ", java.util.Collections.nCopies(width, "?")) + ")");
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create table " + table + ": " + e.getMessage(), e);
    }
  }

  /** One row: String, Integer, Long, Double or null per column, in column order. */
  void row(Object... values) {
    if (values.length != width) {
      throw new IllegalArgumentException("Cannot insert row " + (rows + 1) + " into " + table + ": expected " + width + " values, got " + values.length);
    }
    try {
      for (int i = 0; i < width; i++) {
        Object v = values[i];
        if (v == null) {
          insert.setNull(i + 1, Types.VARCHAR);
        } else if (v instanceof Integer n) {
          insert.setInt(i + 1, n);
        } else if (v instanceof Long n) {
          insert.setLong(i + 1, n);
        } else if (v instanceof Double d) {
          insert.setDouble(i + 1, d);
        } else {
          insert.setString(i + 1, v.toString());
        }
      }
      insert.addBatch();
      rows++;
      if (rows % BATCH == 0) {
        insert.executeBatch();
      }
      if (rows % COMMIT_EVERY == 0) {
        connection.commit();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot insert row " + (rows + 1) + " into " + table + ": " + e.getMessage(), e);
    }
  }

  /** Flushes the last batch. */
  void flush() {
    try {
      insert.executeBatch();
      connection.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot flush rows into " + table + ": " + e.getMessage(), e);
    }
  }

  long rows() {
    return rows;
  }

  void close() {
    try {
      insert.close();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot close insert into " + table, e);
    }
  }
}
