package org.cdhub.catalog.correction;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.cdhub.catalog.StoredInstants;

/** Community corrections in table {@code community_correction}; instants kept to the millisecond, as the audit keeps them. */
public final class JdbcCommunityCorrectionRepository implements CommunityCorrectionRepository {
  private static final String COLUMNS = "id, client_id, community_code, master_id, id_number, kind, phone, address, "
      + "person_status, effective_date, note, received_at";

  private final DataSource dataSource;

  public JdbcCommunityCorrectionRepository(DataSource dataSource) {
    this.dataSource = requireNonNull(dataSource, "dataSource is null");
  }

  @Override
  public CommunityCorrection submit(CommunityCorrection correction) {
    requireNonNull(correction, "correction is null");
    try (Connection c = dataSource.getConnection();
         PreparedStatement ps = c.prepareStatement("INSERT INTO community_correction (client_id, community_code, "
             + "master_id, id_number, kind, phone, address, person_status, effective_date, note, received_at) "
             + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, correction.clientId());
      ps.setString(2, correction.communityCode());
      ps.setString(3, correction.masterId());
      ps.setString(4, correction.idNumber());
      ps.setString(5, correction.kind().name());
      ps.setString(6, correction.phone());
      ps.setString(7, correction.address());
      ps.setString(8, correction.personStatus());
      ps.setString(9, correction.effectiveDate().toString());
      ps.setString(10, correction.note());
      StoredInstants.set(ps, 11, correction.receivedAt());
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        if (!keys.next()) {
          throw new IllegalStateException("Cannot store community correction " + correction + ": no id returned");
        }
        long id = keys.getLong(1);
        return find(c, id).orElseThrow(() -> new IllegalStateException("Cannot read back community correction " + id));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot store community correction " + correction + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<CommunityCorrection> find(long id) {
    try (Connection c = dataSource.getConnection()) {
      return find(c, id);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read community correction " + id + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<CommunityCorrection> findBySender(String clientId, String communityCode, long afterId, int limit) {
    requireNonNull(clientId, "clientId is null");
    requireNonNull(communityCode, "communityCode is null");
    if (limit < 1) {
      throw new IllegalArgumentException("Invalid limit " + limit + " of community corrections, expected at least 1");
    }
    try (Connection c = dataSource.getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM community_correction "
             + "WHERE client_id = ? AND community_code = ? AND id > ? ORDER BY id LIMIT ?")) {
      ps.setString(1, clientId);
      ps.setString(2, communityCode);
      ps.setLong(3, afterId);
      ps.setInt(4, limit);
      List<CommunityCorrection> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(correction(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read community corrections of client " + clientId + ": " + e.getMessage(), e);
    }
  }

  private static Optional<CommunityCorrection> find(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM community_correction WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(correction(rs)) : Optional.empty();
      }
    }
  }

  private static CommunityCorrection correction(ResultSet rs) throws SQLException {
    CorrectionKind kind = CorrectionKind.valueOf(rs.getString("kind"));
    String value = switch (kind) {
      case PHONE -> rs.getString("phone");
      case ADDRESS -> rs.getString("address");
      case MOVED_OUT, DECEASED -> null;
    };
    Instant receivedAt = StoredInstants.get(rs, "received_at");
    return new CommunityCorrection(rs.getLong("id"), rs.getString("client_id"), rs.getString("community_code"),
        rs.getString("master_id"), rs.getString("id_number"), kind, value, LocalDate.parse(rs.getString("effective_date")),
        rs.getString("note"), receivedAt);
  }
}
