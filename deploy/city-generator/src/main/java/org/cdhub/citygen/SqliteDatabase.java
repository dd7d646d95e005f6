package org.cdhub.citygen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** An embedded SQLite database standing in for a department's front-end database (前置库). */
final class SqliteDatabase implements AutoCloseable {
  private final Path file;
  private final Connection connection;

  SqliteDatabase(Path file) {
    this.file = file;
    try {
      Files.createDirectories(file.getParent());
      Files.deleteIfExists(file);
      connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement s = connection.createStatement()) {
        // A fresh file written once: no journal needed, and the bytes depend only on the rows.
        s.execute("PRAGMA journal_mode=OFF");
        s.execute("PRAGMA synchronous=OFF");
      }
      connection.setAutoCommit(false);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create database " + file, e);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot open database " + file + ": " + e.getMessage(), e);
    }
  }

  Connection connection() {
    return connection;
  }

  Path file() {
    return file;
  }

  void execute(String sql) {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot run '" + sql + "' on " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      connection.commit();
      connection.close();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot close database " + file + ": " + e.getMessage(), e);
    }
  }
}
