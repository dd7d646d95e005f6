package org.cdhub.catalog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Calendar;
import java.util.TimeZone;

/**
 * Instants in the catalog database: stored in UTC and to the millisecond (what every supported
 * database keeps, and what the audit hashes), null as SQL NULL. One rule for every repository.
 */
public final class StoredInstants {
  private StoredInstants() {}

  /** A fresh UTC calendar per call: Calendar is mutable and drivers may set it. */
  public static Calendar utc() {
    return Calendar.getInstance(TimeZone.getTimeZone("UTC"));
  }

  /** {@code at} as it reads back: to the millisecond. */
  public static Instant millis(Instant at) {
    return at.truncatedTo(ChronoUnit.MILLIS);
  }

  /** Sets parameter {@code index} to {@code at} to the millisecond in UTC, or to NULL. */
  public static void set(PreparedStatement ps, int index, Instant at) throws SQLException {
    if (at == null) {
      ps.setNull(index, Types.TIMESTAMP);
    } else {
      ps.setTimestamp(index, Timestamp.from(millis(at)), utc());
    }
  }

  /** The instant in {@code column}, read as UTC; null for NULL. */
  public static Instant get(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column, utc());
    return t == null ? null : t.toInstant();
  }
}
