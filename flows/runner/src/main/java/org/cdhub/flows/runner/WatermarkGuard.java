package org.cdhub.flows.runner;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Catches rows that QueryDatabaseTableRecord will never pull. The pull reads only rows whose
 * watermark column is above the highest value it has seen ({@code col > W}), so a row that shows
 * up later with a value at or below W (a restored backup, a clock corrected backwards, a
 * back-dated correction) or without a value is skipped for good, and NiFi says nothing.
 *
 * <p>After every successful run the guard counts the source rows that are not above the stored
 * watermark ({@code col <= W OR col IS NULL}) and remembers the count; before the next run it
 * counts again. More rows than remembered means rows appeared below the watermark (they stay out
 * of the remembered count, so every run warns until {@code --reset-state} pulls them); no row at or
 * above W means the whole source went back in time. Either way the run warns and names the
 * remedy ({@code --reset-state}: pull the table from the beginning; batches bronze already holds
 * are skipped by their batch id). The guard never changes what the flow pulls, and a guard that
 * cannot reach the source only says so: the flow reports its own connection errors.
 *
 * <p>Not caught: a late row that is offset by an existing row updated above W between two runs
 * (the count stays the same), and a late row written between the pull and the count after it.
 */
final class WatermarkGuard {
  private static final String MEMO_WATERMARK = "watermark";
  private static final String MEMO_ROWS_NOT_ABOVE = "rows.not.above";

  private final JdbcSource source;
  private final Path memoFile;
  /** Rows found below the watermark by this run's check: kept out of the memo, so every run warns until they are pulled. */
  private long missing;

  WatermarkGuard(JdbcSource source, Path memoFile) {
    this.source = requireNonNull(source, "source is null");
    this.memoFile = requireNonNull(memoFile, "memoFile is null");
  }

  /** What one look at the source found. */
  record Counts(long rows, long atOrAbove, long notAbove, String max) {}

  /** Warnings for the run about to start; empty when the pull has no watermark yet or all is well. */
  List<String> check(Optional<String> storedWatermark) throws SQLException, IOException {
    List<String> warnings = new ArrayList<>();
    if (storedWatermark.isEmpty()) {
      return warnings;
    }
    String w = storedWatermark.get();
    Counts now = count(w);
    String where = source.table() + "." + source.watermark();
    if (now.rows() > 0 && now.atOrAbove() == 0) {
      warnings.add("the newest " + where + " in the source (" + quoted(now.max()) + ") is below the stored watermark " + quoted(w)
          + ": the source went back in time (restored backup? clock corrected?); rows written until it passes "
          + quoted(w) + " will not be pulled. Run once with --reset-state to pull the table again"
          + " (batches bronze already holds are skipped).");
    }
    Properties memo = memo();
    if (w.equals(memo.getProperty(MEMO_WATERMARK))) {
      long before = Long.parseLong(memo.getProperty(MEMO_ROWS_NOT_ABOVE, "0"));
      if (now.notAbove() > before) {
        missing = now.notAbove() - before;
        warnings.add(missing + " row(s) appeared in the source with " + where + " at or below the stored watermark "
            + quoted(w) + " (or empty) after the pull had passed it: the incremental pull never reads them"
            + " (restored backup? clock corrected? back-dated correction?). Run once with --reset-state to pull the table"
            + " again (batches bronze already holds are skipped).");
      }
    }
    return warnings;
  }

  /** After a successful run: remembers how many rows are not above the watermark the pull now holds. */
  void remember(Optional<String> watermark) throws SQLException, IOException {
    if (watermark.isEmpty()) {
      Files.deleteIfExists(memoFile);
      return;
    }
    Counts now = count(watermark.get());
    Properties memo = new Properties();
    memo.setProperty(MEMO_WATERMARK, watermark.get());
    memo.setProperty(MEMO_ROWS_NOT_ABOVE, Long.toString(Math.max(0, now.notAbove() - missing)));
    Files.createDirectories(memoFile.getParent());
    Path tmp = memoFile.resolveSibling(memoFile.getFileName() + ".tmp");
    try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      memo.store(out, "rows of " + source.table() + " not above the watermark after the last run, written by hub-flow-runner");
    }
    Files.move(tmp, memoFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Counts rows against the watermark; the value is bound with the column's own type, as the pull compares it. */
  Counts count(String watermark) throws SQLException {
    String col = source.watermark();
    String sql = "SELECT COUNT(*), SUM(CASE WHEN " + col + " >= ? THEN 1 ELSE 0 END), "
        + "SUM(CASE WHEN " + col + " <= ? OR " + col + " IS NULL THEN 1 ELSE 0 END), MAX(" + col + ") FROM " + source.table();
    try (URLClassLoader loader = driverLoader(); Connection c = connect(loader)) {
      int type = columnType(c);
      try (PreparedStatement s = c.prepareStatement(sql)) {
        bind(s, 1, type, watermark);
        bind(s, 2, type, watermark);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          return new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4));
        }
      }
    } catch (IOException e) {
      throw new SQLException("Cannot close the driver's class loader", e);
    }
  }

  private int columnType(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT " + source.watermark() + " FROM " + source.table() + " WHERE 1 = 0")) {
      return rs.getMetaData().getColumnType(1);
    }
  }

  private static void bind(PreparedStatement s, int index, int type, String value) throws SQLException {
    switch (type) {
      case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> s.setTimestamp(index, Timestamp.valueOf(value));
      case Types.DATE -> s.setDate(index, java.sql.Date.valueOf(value));
      case Types.INTEGER, Types.BIGINT, Types.SMALLINT, Types.TINYINT, Types.NUMERIC, Types.DECIMAL ->
          s.setBigDecimal(index, new BigDecimal(value));
      default -> s.setString(index, value);
    }
  }

  private URLClassLoader driverLoader() throws SQLException {
    List<URL> urls = new ArrayList<>();
    for (Path jar : source.driverJars()) {
      try {
        urls.add(jar.toUri().toURL());
      } catch (MalformedURLException e) {
        throw new SQLException("Bad driver location " + jar, e);
      }
    }
    return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getSystemClassLoader());
  }

  private Connection connect(ClassLoader loader) throws SQLException {
    Driver driver;
    try {
      driver = (Driver) Class.forName(source.driverClass(), true, loader).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new SQLException("Cannot load JDBC driver " + source.driverClass() + " from " + source.driverJars(), e);
    }
    Properties props = new Properties();
    if (source.user() != null) {
      props.setProperty("user", source.user());
    }
    if (source.password() != null) {
      props.setProperty("password", source.password());
    }
    Connection c = driver.connect(source.url(), props);
    if (c == null) {
      throw new SQLException("Driver " + source.driverClass() + " does not accept the URL");
    }
    return c;
  }

  private Properties memo() throws IOException {
    Properties memo = new Properties();
    if (Files.exists(memoFile)) {
      try (Reader in = Files.newBufferedReader(memoFile, StandardCharsets.UTF_8)) {
        memo.load(in);
      }
    }
    return memo;
  }

  private static String quoted(String value) {
    return value == null ? "(none)" : "'" + value + "'";
  }
}
