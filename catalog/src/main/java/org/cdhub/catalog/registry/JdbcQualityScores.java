package org.cdhub.catalog.registry;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;
import javax.sql.DataSource;
import org.cdhub.catalog.StoredInstants;

/** Quality scores in the catalog database (table {@code dataset_quality}, migration V7); SQL for SQLite and PostgreSQL. */
public final class JdbcQualityScores implements QualityScores {
  private static final String COLUMNS = "qualified_name, score, checks_passed, checks_failed, rows_in, quarantined_rows, run_ids, measured_at";

  private final DataSource dataSource;

  public JdbcQualityScores(DataSource dataSource) {
    this.dataSource = requireNonNull(dataSource, "dataSource is null");
  }

  @Override
  public void record(DatasetQuality q) {
    requireNonNull(q, "quality is null");
    try (Connection c = dataSource.getConnection();
         PreparedStatement ps = c.prepareStatement("INSERT INTO dataset_quality (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
             + " ON CONFLICT (qualified_name) DO UPDATE SET score = excluded.score, checks_passed = excluded.checks_passed,"
             + " checks_failed = excluded.checks_failed, rows_in = excluded.rows_in, quarantined_rows = excluded.quarantined_rows,"
             + " run_ids = excluded.run_ids, measured_at = excluded.measured_at")) {
      ps.setString(1, q.qualifiedName());
      ps.setDouble(2, q.score());
      ps.setInt(3, q.checksPassed());
      ps.setInt(4, q.checksFailed());
      ps.setLong(5, q.rowsIn());
      ps.setLong(6, q.quarantinedRows());
      ps.setString(7, String.join(" ", q.runIds()));
      StoredInstants.set(ps, 8, q.measuredAt());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot record the quality score of " + q.qualifiedName()
          + " (is the dataset registered?): " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<DatasetQuality> find(String qualifiedName) {
    requireNonNull(qualifiedName, "qualifiedName is null");
    try (Connection c = dataSource.getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM dataset_quality WHERE qualified_name = ?")) {
      ps.setString(1, qualifiedName);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new DatasetQuality(rs.getString("qualified_name"), rs.getDouble("score"), rs.getInt("checks_passed"),
            rs.getInt("checks_failed"), rs.getLong("rows_in"), rs.getLong("quarantined_rows"),
            Arrays.asList(rs.getString("run_ids").split(" ")), StoredInstants.get(rs, "measured_at")));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the quality score of " + qualifiedName + ": " + e.getMessage(), e);
    }
  }
}
