package org.cdhub.api.trino;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.springframework.util.unit.DataSize;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the API reaches Trino, which reads the lakehouse's Iceberg tables through the same JDBC
 * catalog ({@code hub.trino.*}). Unknown keys under {@code hub.trino} stop startup.
 *
 * <pre>
 * hub.trino.jdbc-url        Trino JDBC URL, jdbc:trino://host:port (default none: no Trino)
 * hub.trino.user            user the queries run as (default cdhub-api)
 * hub.trino.password        password (Trino accepts one only over TLS: add ?SSL=true to the URL)
 * hub.trino.catalog         Trino catalog that mounts the lakehouse (default hub, as hub.lakehouse.catalog-name)
 * hub.trino.schema          schema of table names given without one (default gold)
 * hub.trino.query-timeout   longest a query may run, whole seconds (default 30s, 1s..1h)
 * hub.trino.max-rows        most rows one query returns (default 10000, 1..1000000)
 * hub.trino.event-token     shared secret Trino's HTTP event listener sends in X-Hub-Event-Token with each
 *                           query event (default none: query events are refused); 24..512 visible ASCII
 *                           characters without commas
 * hub.trino.event-max-bytes largest query event accepted (default 16MB, 64KB..256MB)
 * </pre>
 */
@Validated
@ConfigurationProperties(prefix = "hub.trino", ignoreUnknownFields = false)
public record TrinoConfig(
    String jdbcUrl,
    @DefaultValue(DEFAULT_USER) String user,
    String password,
    @DefaultValue(DEFAULT_CATALOG) String catalog,
    @DefaultValue(DEFAULT_SCHEMA) String schema,
    @DefaultValue("30s") Duration queryTimeout,
    @DefaultValue("10000") int maxRows,
    String eventToken,
    @DefaultValue(DEFAULT_EVENT_MAX_BYTES) DataSize eventMaxBytes) {

  public static final String DEFAULT_USER = "cdhub-api";
  public static final String DEFAULT_CATALOG = "hub";
  public static final String DEFAULT_SCHEMA = "gold";
  public static final String URL_PREFIX = "jdbc:trino://";
  public static final Duration MAX_QUERY_TIMEOUT = Duration.ofHours(1);
  public static final int MAX_MAX_ROWS = 1_000_000;
  public static final String DEFAULT_EVENT_MAX_BYTES = "16MB";
  static final DataSize MIN_EVENT_MAX_BYTES = DataSize.ofKilobytes(64);
  static final DataSize MAX_EVENT_MAX_BYTES = DataSize.ofMegabytes(256);
  /** Shortest event token: a secret, not a password someone types. */
  public static final int MIN_EVENT_TOKEN_LENGTH = 24;
  static final int MAX_EVENT_TOKEN_LENGTH = 512;

  public TrinoConfig {
    requireNonNull(user, "user is null");
    requireNonNull(catalog, "catalog is null");
    requireNonNull(schema, "schema is null");
    requireNonNull(queryTimeout, "queryTimeout is null");
    requireNonNull(eventMaxBytes, "eventMaxBytes is null");
    if (jdbcUrl != null && !jdbcUrl.startsWith(URL_PREFIX)) {
      throw new IllegalArgumentException("Invalid hub.trino.jdbc-url: must start with " + URL_PREFIX + ", was '"
          + redacted(jdbcUrl) + "'");
    }
    if (user.isBlank()) {
      throw new IllegalArgumentException("Invalid hub.trino.user: must not be blank");
    }
    if (!TableName.isIdentifier(catalog)) {
      throw new IllegalArgumentException("Invalid hub.trino.catalog: must be a lower-case identifier, was '" + catalog + "'");
    }
    if (!TableName.isIdentifier(schema)) {
      throw new IllegalArgumentException("Invalid hub.trino.schema: must be a lower-case identifier, was '" + schema + "'");
    }
    // JDBC counts timeouts in whole seconds; a fraction would silently round
    if (queryTimeout.toMillis() % 1000 != 0 || queryTimeout.compareTo(Duration.ofSeconds(1)) < 0
        || queryTimeout.compareTo(MAX_QUERY_TIMEOUT) > 0) {
      throw new IllegalArgumentException("Invalid hub.trino.query-timeout: must be whole seconds from 1s to "
          + MAX_QUERY_TIMEOUT.toMinutes() + "m, was " + queryTimeout.toMillis() + "ms");
    }
    if (maxRows < 1 || maxRows > MAX_MAX_ROWS) {
      throw new IllegalArgumentException("Invalid hub.trino.max-rows: must be 1.." + MAX_MAX_ROWS + ", was " + maxRows);
    }
    // the token itself is never part of a message
    if (eventToken != null && (eventToken.length() < MIN_EVENT_TOKEN_LENGTH || eventToken.length() > MAX_EVENT_TOKEN_LENGTH
        || !eventToken.chars().allMatch(c -> c > ' ' && c < 127 && c != ','))) {
      throw new IllegalArgumentException("Invalid hub.trino.event-token: must be " + MIN_EVENT_TOKEN_LENGTH + ".."
          + MAX_EVENT_TOKEN_LENGTH + " visible ASCII characters without commas (Trino's listener sends its headers as a "
          + "comma-separated list), was " + eventToken.length() + " characters");
    }
    if (eventMaxBytes.compareTo(MIN_EVENT_MAX_BYTES) < 0 || eventMaxBytes.compareTo(MAX_EVENT_MAX_BYTES) > 0) {
      throw new IllegalArgumentException("Invalid hub.trino.event-max-bytes: must be 64KB..256MB, was "
          + eventMaxBytes.toBytes() + " bytes");
    }
  }

  /** A Trino at {@code jdbcUrl} with every other key at its default. */
  public static TrinoConfig at(String jdbcUrl) {
    return new TrinoConfig(requireNonNull(jdbcUrl, "jdbcUrl is null"), DEFAULT_USER, null, DEFAULT_CATALOG,
        DEFAULT_SCHEMA, Duration.ofSeconds(30), 10_000, null, DataSize.parse(DEFAULT_EVENT_MAX_BYTES));
  }

  /** The same Trino, queried as {@code otherUser} (a department reading under its grants). */
  public TrinoConfig withUser(String otherUser) {
    return new TrinoConfig(jdbcUrl, otherUser, null, catalog, schema, queryTimeout, maxRows, eventToken, eventMaxBytes);
  }

  /** Whether Trino's query events are accepted: only with a shared secret to check them by. */
  public boolean acceptsQueryEvents() {
    return eventToken != null;
  }

  /** Whether a Trino is configured at all. */
  public boolean configured() {
    return jdbcUrl != null;
  }

  @Override
  public String toString() {
    // records print every component; the password and the event token must never reach a log
    return "TrinoConfig[jdbcUrl=" + redacted(jdbcUrl) + ", user=" + user + ", password=" + (password == null ? "null" : "***")
        + ", catalog=" + catalog + ", schema=" + schema + ", queryTimeout=" + queryTimeout + ", maxRows=" + maxRows
        + ", eventToken=" + (eventToken == null ? "null" : "***") + ", eventMaxBytes=" + eventMaxBytes + "]";
  }

  /** The URL with any password parameter in it replaced by {@code ***}, for logs and messages. */
  public static String redacted(String jdbcUrl) {
    return jdbcUrl == null ? null : jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }
}
