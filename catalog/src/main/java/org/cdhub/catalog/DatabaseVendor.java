package org.cdhub.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The databases the catalog's migrations are written and tested for. The shared migration
 * (db/catalog/common) differs per vendor only in the placeholders below; anything that
 * cannot be said portably (triggers) lives in db/catalog/&lt;vendor&gt;.
 */
enum DatabaseVendor {
  SQLITE("jdbc:sqlite:", Map.of(
      "auto_id", "INTEGER PRIMARY KEY AUTOINCREMENT",
      // sqlite-jdbc stores setTimestamp values as epoch milliseconds
      "instant_type", "TIMESTAMP")),
  POSTGRESQL("jdbc:postgresql:", Map.of(
      "auto_id", "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
      "instant_type", "TIMESTAMP WITH TIME ZONE"));

  /** How long a SQLite writer waits for another process's write lock before failing. */
  static final int SQLITE_BUSY_TIMEOUT_MILLIS = 10_000;

  private final String urlPrefix;
  private final Map<String, String> placeholders;

  DatabaseVendor(String urlPrefix, Map<String, String> placeholders) {
    this.urlPrefix = urlPrefix;
    this.placeholders = placeholders;
  }

  static DatabaseVendor of(String jdbcUrl) {
    for (DatabaseVendor vendor : values()) {
      if (jdbcUrl.startsWith(vendor.urlPrefix)) {
        return vendor;
      }
    }
    throw new IllegalArgumentException("Invalid " + CatalogConfig.JDBC_URL
        + ": expected a jdbc:sqlite: or jdbc:postgresql: URL, got "
        + CatalogConfig.redact(jdbcUrl));
  }

  /** Flyway location of this vendor's own migrations. */
  String migrationLocation() {
    return "classpath:db/catalog/" + name().toLowerCase(java.util.Locale.ROOT);
  }

  Map<String, String> placeholders() {
    return placeholders;
  }

  /** Driver properties for each new connection. */
  Properties connectionProperties(CatalogConfig config) {
    Properties props = new Properties();
    if (config.user() != null) {
      props.setProperty("user", config.user());
    }
    if (config.password() != null) {
      props.setProperty("password", config.password());
    }
    switch (this) {
      case SQLITE -> {
        // The API process appends audit events while the launcher publishes: WAL lets readers
        // run beside one writer, the busy timeout makes a second writer wait instead of failing,
        // and IMMEDIATE takes the write lock at BEGIN so a transaction never has to upgrade a
        // stale read snapshot (which fails at once, whatever the timeout).
        props.setProperty("journal_mode", "WAL");
        props.setProperty("busy_timeout", Integer.toString(SQLITE_BUSY_TIMEOUT_MILLIS));
        props.setProperty("transaction_mode", "IMMEDIATE");
        props.setProperty("synchronous", "NORMAL");
        props.setProperty("foreign_keys", "true");
      }
      case POSTGRESQL -> {
        props.setProperty("ApplicationName", "hub-catalog");
        props.setProperty("connectTimeout", "10");
      }
    }
    return props;
  }

  /** Makes the database reachable before the first connection: SQLite needs its directory. */
  void prepare(CatalogConfig config) {
    if (this != SQLITE) {
      return;
    }
    String target = config.jdbcUrl().substring(urlPrefix.length());
    int query = target.indexOf('?');
    String file = query < 0 ? target : target.substring(0, query);
    if (file.isEmpty() || file.equals(":memory:")) {
      // every pooled connection would open its own empty database
      throw new IllegalArgumentException("Invalid " + CatalogConfig.JDBC_URL
          + ": an in-memory SQLite catalog is not supported, name a file: " + config.jdbcUrl());
    }
    if (file.startsWith("file:")) {
      return; // URI form: SQLite resolves it, and reports a missing directory itself
    }
    Path parent = Path.of(file).toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the directory of the catalog database: " + parent, e);
    }
  }
}
