package org.cdhub.catalog.subscription;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.cdhub.catalog.StoredInstants;

/** Subscriptions in table {@code subscription}; instants kept to the millisecond, as the audit keeps them. */
public final class JdbcSubscriptionRepository implements SubscriptionRepository {
  private static final String COLUMNS = "id, department, dataset, purpose, legal_purpose, column_names, scope, "
      + "valid_until, state, requested_by, requested_at, decided_by, decided_at, reason, ended_by, ended_at";

  private final DataSource dataSource;

  public JdbcSubscriptionRepository(DataSource dataSource) {
    this.dataSource = requireNonNull(dataSource, "dataSource is null");
  }

  @Override
  public Subscription add(Subscription s) {
    requireNonNull(s, "subscription is null");
    SubscriptionRequest r = s.request();
    try (Connection c = dataSource.getConnection();
         PreparedStatement ps = c.prepareStatement("INSERT INTO subscription (department, dataset, purpose, legal_purpose, "
             + "column_names, scope, valid_until, state, requested_by, requested_at, decided_by, decided_at, reason, "
             + "ended_by, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, r.department());
      ps.setString(2, r.dataset());
      ps.setString(3, r.purpose());
      setNullable(ps, 4, r.legalPurpose());
      ps.setString(5, String.join(" ", r.columns()));
      setNullable(ps, 6, r.scope());
      StoredInstants.set(ps, 7, r.until());
      ps.setString(8, s.state().name());
      ps.setString(9, r.requestedBy());
      StoredInstants.set(ps, 10, s.requestedAt());
      setDecision(ps, 11, s);
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        if (!keys.next()) {
          throw new IllegalStateException("Cannot store subscription of " + r.department() + ": no id returned");
        }
        long id = keys.getLong(1);
        return find(c, id).orElseThrow(() -> new IllegalStateException("Cannot read back subscription " + id));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot store subscription of " + r.department() + " to " + r.dataset() + ": "
          + e.getMessage(), e);
    }
  }

  @Override
  public boolean update(Subscription next, SubscriptionState expected) {
    requireNonNull(next, "next is null");
    requireNonNull(expected, "expected is null");
    try (Connection c = dataSource.getConnection();
         PreparedStatement ps = c.prepareStatement("UPDATE subscription SET state = ?, decided_by = ?, decided_at = ?, "
             + "reason = ?, ended_by = ?, ended_at = ? WHERE id = ? AND state = ?")) {
      ps.setString(1, next.state().name());
      setDecision(ps, 2, next);
      ps.setLong(7, next.id());
      ps.setString(8, expected.name());
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot update subscription " + next.id() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<Subscription> find(long id) {
    try (Connection c = dataSource.getConnection()) {
      return find(c, id);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read subscription " + id + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<Subscription> findByDepartment(String department) {
    requireNonNull(department, "department is null");
    return query("SELECT " + COLUMNS + " FROM subscription WHERE department = ? ORDER BY id", department);
  }

  @Override
  public List<Subscription> findAll() {
    return query("SELECT " + COLUMNS + " FROM subscription ORDER BY id", null);
  }

  private List<Subscription> query(String sql, String department) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      if (department != null) {
        ps.setString(1, department);
      }
      List<Subscription> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(subscription(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read subscriptions: " + e.getMessage(), e);
    }
  }

  private static Optional<Subscription> find(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM subscription WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(subscription(rs)) : Optional.empty();
      }
    }
  }

  /** Sets decided_by, decided_at, reason, ended_by, ended_at from {@code first} on. */
  private static void setDecision(PreparedStatement ps, int first, Subscription s) throws SQLException {
    setNullable(ps, first, s.decidedBy());
    StoredInstants.set(ps, first + 1, s.decidedAt());
    setNullable(ps, first + 2, s.reason());
    setNullable(ps, first + 3, s.endedBy());
    StoredInstants.set(ps, first + 4, s.endedAt());
  }

  private static Subscription subscription(ResultSet rs) throws SQLException {
    SubscriptionRequest request = new SubscriptionRequest(rs.getString("department"), rs.getString("dataset"),
        rs.getString("purpose"), rs.getString("legal_purpose"), Arrays.asList(rs.getString("column_names").split(" ")),
        rs.getString("scope"), StoredInstants.get(rs, "valid_until"), rs.getString("requested_by"));
    return new Subscription(rs.getLong("id"), request, SubscriptionState.valueOf(rs.getString("state")),
        StoredInstants.get(rs, "requested_at"), rs.getString("decided_by"), StoredInstants.get(rs, "decided_at"),
        rs.getString("reason"), rs.getString("ended_by"), StoredInstants.get(rs, "ended_at"));
  }

  private static void setNullable(PreparedStatement ps, int index, String value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      ps.setString(index, value);
    }
  }
}
