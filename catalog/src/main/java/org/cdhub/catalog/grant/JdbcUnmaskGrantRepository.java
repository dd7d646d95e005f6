package org.cdhub.catalog.grant;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.cdhub.catalog.StoredInstants;

/** Unmask grants in table {@code unmask_grant}; instants kept to the millisecond, as the audit keeps them. */
public final class JdbcUnmaskGrantRepository implements UnmaskGrantRepository {
  private static final String COLUMNS = "id, client_id, fields, purpose, community_code, expires_at, granted_by, granted_at, "
      + "revoked_by, revoked_at";

  private final DataSource dataSource;

  public JdbcUnmaskGrantRepository(DataSource dataSource) {
    this.dataSource = requireNonNull(dataSource, "dataSource is null");
  }

  @Override
  public UnmaskGrant grant(UnmaskGrant grant) {
    requireNonNull(grant, "grant is null");
    try (Connection c = dataSource.getConnection();
         PreparedStatement ps = c.prepareStatement("INSERT INTO unmask_grant (client_id, fields, purpose, community_code, "
             + "expires_at, granted_by, granted_at) VALUES (?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, grant.clientId());
      ps.setString(2, String.join(" ", EnumSet.copyOf(grant.fields()).stream().map(UnmaskableField::fieldName).toList()));
      ps.setString(3, grant.purpose());
      if (grant.communityCode() == null) {
        ps.setNull(4, Types.VARCHAR);
      } else {
        ps.setString(4, grant.communityCode());
      }
      StoredInstants.set(ps, 5, grant.expiresAt());
      ps.setString(6, grant.grantedBy());
      StoredInstants.set(ps, 7, grant.grantedAt());
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        if (!keys.next()) {
          throw new IllegalStateException("Cannot store unmask grant for client " + grant.clientId() + ": no id returned");
        }
        long id = keys.getLong(1);
        return find(c, id).orElseThrow(() -> new IllegalStateException("Cannot read back unmask grant " + id));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot store unmask grant for client " + grant.clientId() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<UnmaskGrant> revoke(long id, String revokedBy, Instant at) {
    requireNonNull(revokedBy, "revokedBy is null");
    requireNonNull(at, "at is null");
    try (Connection c = dataSource.getConnection()) {
      Optional<UnmaskGrant> current = find(c, id);
      if (current.isEmpty()) {
        return current;
      }
      if (current.get().revokedAt() != null) {
        throw new IllegalStateException("Cannot revoke unmask grant " + id + ": already revoked by "
            + current.get().revokedBy() + " at " + current.get().revokedAt());
      }
      UnmaskGrant g = current.get();
      // validates revokedBy before anything is written
      UnmaskGrant revoked = new UnmaskGrant(g.id(), g.clientId(), g.fields(), g.purpose(), g.communityCode(),
          g.expiresAt(), g.grantedBy(), g.grantedAt(), revokedBy, StoredInstants.millis(at));
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE unmask_grant SET revoked_by = ?, revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
        ps.setString(1, revokedBy);
        StoredInstants.set(ps, 2, revoked.revokedAt());
        ps.setLong(3, id);
        if (ps.executeUpdate() != 1) {
          throw new IllegalStateException("Cannot revoke unmask grant " + id + ": revoked meanwhile by someone else");
        }
      }
      return Optional.of(revoked);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot revoke unmask grant " + id + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<UnmaskGrant> find(long id) {
    try (Connection c = dataSource.getConnection()) {
      return find(c, id);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read unmask grant " + id + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<UnmaskGrant> findByClient(String clientId) {
    requireNonNull(clientId, "clientId is null");
    return query("SELECT " + COLUMNS + " FROM unmask_grant WHERE client_id = ? ORDER BY id", clientId);
  }

  @Override
  public List<UnmaskGrant> findAll() {
    return query("SELECT " + COLUMNS + " FROM unmask_grant ORDER BY id", null);
  }

  private List<UnmaskGrant> query(String sql, String clientId) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      if (clientId != null) {
        ps.setString(1, clientId);
      }
      List<UnmaskGrant> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(grant(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read unmask grants: " + e.getMessage(), e);
    }
  }

  private static Optional<UnmaskGrant> find(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM unmask_grant WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(grant(rs)) : Optional.empty();
      }
    }
  }

  private static UnmaskGrant grant(ResultSet rs) throws SQLException {
    EnumSet<UnmaskableField> fields = EnumSet.noneOf(UnmaskableField.class);
    for (String name : rs.getString("fields").split(" ")) {
      fields.add(UnmaskableField.byName(name).orElseThrow(() -> new IllegalStateException(
          "Cannot read unmask grant: unknown field " + name)));
    }
    return new UnmaskGrant(rs.getLong("id"), rs.getString("client_id"), fields, rs.getString("purpose"),
        rs.getString("community_code"), StoredInstants.get(rs, "expires_at"), rs.getString("granted_by"),
        StoredInstants.get(rs, "granted_at"), rs.getString("revoked_by"),
        StoredInstants.get(rs, "revoked_at"));
  }
}
