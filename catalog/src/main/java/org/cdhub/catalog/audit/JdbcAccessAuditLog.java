package org.cdhub.catalog.audit;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.cdhub.catalog.StoredInstants;
import org.cdhub.catalog.audit.ChainVerification.Break;
import org.cdhub.catalog.audit.ChainVerification.Reason;

/**
 * The access audit in table {@code access_event}, hash-chained by {@link AccessEventHash}.
 * Order is the order of recording (an increasing id and sequence number), not the events' own
 * timestamps, which clients of different clocks supply. Timestamps are kept to the millisecond.
 *
 * <p>An append reads the chain head and inserts the next entry in one transaction that holds the
 * {@link Dialect}'s write lock, so two appends can never link to the same head; a unique index on
 * {@code seq} backs this up. Finding a record id scans the log (ids are one space-separated
 * column); an index table per id is the next step if auditors query large logs by record.
 */
public final class JdbcAccessAuditLog implements AccessAuditLog {
  private static final String EVENT_COLUMNS =
      "occurred_at, client_id, purpose, dataset, access_action, access_scope, record_count, unmasked, outcome, "
          + "request_query, record_ids, grant_id";
  private static final String CHAIN_COLUMNS = "id, seq, previous_hash, entry_hash, " + EVENT_COLUMNS;

  /** What differs between the catalog's databases for the audit. */
  public enum Dialect {
    /**
     * The catalog opens SQLite connections with {@code transaction_mode=IMMEDIATE}: a
     * transaction takes the database's single write lock at BEGIN, across processes too, so no
     * lock statement is needed. LIKE ignores case in SQLite, hence instr.
     */
    SQLITE(null, "instr(%s, ?) > 0"),
    /**
     * A transaction-scoped advisory lock keyed on the table's oid (so schemas sharing a database
     * do not wait for each other); it needs no privilege beyond INSERT, unlike LOCK TABLE.
     */
    POSTGRESQL("SELECT pg_advisory_xact_lock(CAST(CAST('access_event'::regclass AS oid) AS integer), 0)",
        "strpos(%s, ?) > 0");

    private final String appendLock;
    private final String containsTemplate;

    Dialect(String appendLock, String containsTemplate) {
      this.appendLock = appendLock;
      this.containsTemplate = containsTemplate;
    }
  }

  private final DataSource dataSource;
  private final Dialect dialect;

  public JdbcAccessAuditLog(DataSource dataSource, Dialect dialect) {
    this.dataSource = requireNonNull(dataSource, "dataSource is null");
    this.dialect = requireNonNull(dialect, "dialect is null");
  }

  @Override
  public void record(AccessEvent event) {
    requireNonNull(event, "event is null");
    // stored to the millisecond: hash exactly what will be read back
    AccessEvent stored = withMillis(event);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        if (dialect.appendLock != null) {
          try (Statement s = c.createStatement()) {
            s.execute(dialect.appendLock);
          }
        }
        long seq;
        String previous;
        try (Statement s = c.createStatement();
             ResultSet head = s.executeQuery(
                 "SELECT seq, entry_hash FROM access_event WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1")) {
          if (head.next()) {
            seq = head.getLong(1) + 1;
            previous = head.getString(2);
          } else {
            seq = 1;
            previous = AccessEventHash.legacyAnchor(legacyRows(c));
          }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO access_event (seq, previous_hash, entry_hash, "
            + EVENT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
          ps.setLong(1, seq);
          ps.setString(2, previous);
          ps.setString(3, AccessEventHash.of(seq, stored, previous));
          StoredInstants.set(ps, 4, stored.at());
          ps.setString(5, stored.clientId());
          ps.setString(6, stored.purpose());
          ps.setString(7, stored.dataset());
          ps.setString(8, stored.action());
          ps.setString(9, stored.scope());
          ps.setInt(10, stored.recordCount());
          ps.setBoolean(11, stored.unmasked());
          ps.setString(12, stored.outcome());
          ps.setString(13, stored.query());
          if (stored.recordIds().isEmpty()) {
            ps.setNull(14, Types.VARCHAR);
          } else {
            ps.setString(14, String.join(" ", stored.recordIds()));
          }
          if (stored.grantId() == null) {
            ps.setNull(15, Types.BIGINT);
          } else {
            ps.setLong(15, stored.grantId());
          }
          ps.executeUpdate();
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
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
    if (limit == 0) {
      return List.of();
    }
    return find(AuditQuery.latest(Math.min(limit, AuditQuery.MAX_LIMIT))).stream().map(AuditEntry::event).toList();
  }

  @Override
  public List<AuditEntry> find(AuditQuery query) {
    requireNonNull(query, "query is null");
    StringBuilder sql = new StringBuilder("SELECT " + CHAIN_COLUMNS + " FROM access_event WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    filter(sql, args, "client_id = ?", query.clientId());
    filter(sql, args, "dataset = ?", query.dataset());
    filter(sql, args, "outcome = ?", query.outcome());
    filter(sql, args, "occurred_at >= ?", query.since() == null ? null : Timestamp.from(query.since()));
    filter(sql, args, "occurred_at < ?", query.until() == null ? null : Timestamp.from(query.until()));
    // ids are stored space-separated; padding both ends makes every id a whole-word match
    filter(sql, args, dialect.containsTemplate.formatted("' ' || record_ids || ' '"),
        query.recordId() == null ? null : " " + query.recordId() + " ");
    sql.append(" ORDER BY id DESC LIMIT ?");
    args.add(query.limit());
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) {
        Object arg = args.get(i);
        if (arg instanceof Timestamp t) {
          ps.setTimestamp(i + 1, t, StoredInstants.utc());
        } else if (arg instanceof Integer n) {
          ps.setInt(i + 1, n);
        } else {
          ps.setString(i + 1, (String) arg);
        }
      }
      List<AuditEntry> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(entry(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the access audit log: " + e.getMessage(), e);
    }
  }

  @Override
  public ChainVerification verify() {
    try (Connection c = dataSource.getConnection()) {
      // PostgreSQL streams with a fetch size only inside a transaction; the log may be large
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.setFetchSize(1_000);
        try (ResultSet rs = s.executeQuery("SELECT " + CHAIN_COLUMNS + " FROM access_event ORDER BY id")) {
          return verify(rs);
        }
      } finally {
        c.rollback();
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot verify the access audit log: " + e.getMessage(), e);
    }
  }

  /** Walks the rows in the order recorded: legacy rows fold into the anchor, then the chain must run 1, 2, 3 …. */
  private static ChainVerification verify(ResultSet rs) throws SQLException {
    String head = AccessEventHash.GENESIS; // the anchor until entry 1, then the last entry's hash
    long legacy = 0;
    long checked = 0;
    while (rs.next()) {
      long id = rs.getLong("id");
      long expected = checked + 1;
      AuditEntry entry;
      try {
        entry = entry(rs);
      } catch (IllegalArgumentException | NullPointerException e) {
        // a row changed so far that it is no longer a valid event cannot hash to what was stored
        return broken(checked, legacy, head, expected, Reason.HASH_MISMATCH,
            "row id " + id + " is no longer a valid event: " + e.getMessage());
      }
      if (entry.legacy()) {
        if (checked > 0) {
          return broken(checked, legacy, head, expected, Reason.UNCHAINED_ROW,
              "row id " + id + " of client " + entry.event().clientId() + " has no sequence number but follows entry " + checked);
        }
        legacy++;
        head = AccessEventHash.of(0, entry.event(), head);
        continue;
      }
      if (entry.seq() != expected) {
        return broken(checked, legacy, head, expected, Reason.GAP,
            "expected sequence " + expected + " next, found " + entry.seq() + " (row id " + id + ")");
      }
      if (!head.equals(entry.previousHash())) {
        return broken(checked, legacy, head, expected, Reason.PREVIOUS_HASH_MISMATCH,
            "stores previous hash " + entry.previousHash() + " but " + (expected == 1 ? "the anchor" : "entry " + checked)
                + " hashes to " + head);
      }
      String recomputed = AccessEventHash.of(entry.seq(), entry.event(), entry.previousHash());
      if (!recomputed.equals(entry.hash())) {
        return broken(checked, legacy, head, expected, Reason.HASH_MISMATCH,
            "stores hash " + entry.hash() + " but its fields hash to " + recomputed);
      }
      head = entry.hash();
      checked++;
    }
    return new ChainVerification(checked, legacy, head, Optional.empty());
  }

  private static ChainVerification broken(long checked, long legacy, String head, long seq, Reason reason, String detail) {
    return new ChainVerification(checked, legacy, head, Optional.of(new Break(seq, reason, detail)));
  }

  private static List<AccessEvent> legacyRows(Connection c) throws SQLException {
    List<AccessEvent> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT " + CHAIN_COLUMNS + " FROM access_event WHERE seq IS NULL ORDER BY id")) {
      while (rs.next()) {
        rows.add(entry(rs).event());
      }
    }
    return rows;
  }

  private static AuditEntry entry(ResultSet rs) throws SQLException {
    String ids = rs.getString("record_ids");
    AccessEvent event = new AccessEvent(
        StoredInstants.get(rs, "occurred_at"),
        rs.getString("client_id"),
        rs.getString("purpose"),
        rs.getString("dataset"),
        rs.getString("access_action"),
        rs.getString("access_scope"),
        rs.getInt("record_count"),
        rs.getBoolean("unmasked"),
        rs.getString("outcome"),
        rs.getString("request_query"),
        ids == null ? List.of() : Arrays.asList(ids.split(" ")),
        grantId(rs));
    return new AuditEntry(rs.getLong("seq"), event, rs.getString("previous_hash"), rs.getString("entry_hash"));
  }

  private static Long grantId(ResultSet rs) throws SQLException {
    long id = rs.getLong("grant_id");
    return rs.wasNull() ? null : id;
  }

  private static void filter(StringBuilder sql, List<Object> args, String condition, Object value) {
    if (value != null) {
      sql.append(" AND ").append(condition);
      args.add(value);
    }
  }

  private static AccessEvent withMillis(AccessEvent e) {
    return new AccessEvent(StoredInstants.millis(e.at()), e.clientId(), e.purpose(), e.dataset(), e.action(),
        e.scope(), e.recordCount(), e.unmasked(), e.outcome(), e.query(), e.recordIds(), e.grantId());
  }
}
