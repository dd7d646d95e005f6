package org.cdhub.catalog.audit;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import javax.sql.DataSource;

/**
 * The access audit in table {@code access_event}. Order is the order of recording (an
 * increasing id), not the events' own timestamps, which clients of different clocks supply.
 * Timestamps are kept to the millisecond.
 */
public final class JdbcAccessAuditLog implements AccessAuditLog {
  private static final String COLUMNS =
      "occurred_at, client_id, purpose, dataset, access_action, access_scope, record_count, unmasked, outcome";

  private final DataSource dataSource;

  public JdbcAccessAuditLog(DataSource dataSource) {
    this.dataSource = requireNonNull(dataSource, "dataSource is null");
  }

  @Override
  public void record(AccessEvent event) {
    requireNonNull(event, "event is null");
    try (Connection c = dataSource.getConnection();
         PreparedStatement ps = c.prepareStatement(
             "INSERT INTO access_event (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setTimestamp(1, Timestamp.from(event.at().truncatedTo(ChronoUnit.MILLIS)), utc());
      ps.setString(2, event.clientId());
      ps.setString(3, event.purpose());
      ps.setString(4, event.dataset());
      ps.setString(5, event.action());
      ps.setString(6, event.scope());
      ps.setInt(7, event.recordCount());
      ps.setBoolean(8, event.unmasked());
      ps.setString(9, event.outcome());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot record access of client " + event.clientId() + " to "
          + event.dataset() + " in the audit log: " + e.getMessage(), e);
    }
  }

  @Override
  public List<AccessEvent> recent(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("Cannot list recent access events: limit must not be negative: " + limit);
    }
    try (Connection c = dataSource.getConnection();
         PreparedStatement ps = c.prepareStatement(
             "SELECT " + COLUMNS + " FROM access_event ORDER BY id DESC LIMIT ?")) {
      ps.setInt(1, limit);
      List<AccessEvent> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new AccessEvent(
              rs.getTimestamp("occurred_at", utc()).toInstant(),
              rs.getString("client_id"),
              rs.getString("purpose"),
              rs.getString("dataset"),
              rs.getString("access_action"),
              rs.getString("access_scope"),
              rs.getInt("record_count"),
              rs.getBoolean("unmasked"),
              rs.getString("outcome")));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the access audit log: " + e.getMessage(), e);
    }
  }

  private static Calendar utc() {
    return Calendar.getInstance(TimeZone.getTimeZone("UTC"));
  }
}
