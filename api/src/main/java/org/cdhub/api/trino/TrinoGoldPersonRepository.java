package org.cdhub.api.trino;

import static java.util.Objects.requireNonNull;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.cdhub.api.returndata.CommunityPersonService;
import org.cdhub.api.returndata.GoldPersonRepository;
import org.cdhub.api.returndata.IcebergGoldPersonRepository;
import org.cdhub.kernel.Sex;
import org.cdhub.model.entity.MasterPerson;
import org.cdhub.model.entity.PersonStatus;
import org.cdhub.model.lakehouse.LakehouseTable;

/**
 * gold.person read through Trino, for deployments where the API should not hold the roster in
 * memory ({@code hub.serving.source=trino}). A page is one keyset query: the community's rows at
 * the pinned snapshot ({@code FOR VERSION AS OF}) with master id after the cursor's, ordered by
 * master id. Any snapshot the table still keeps can be read, so cursors stay valid until the
 * snapshot expires. The columns are the ones the embedded projection serves.
 */
public final class TrinoGoldPersonRepository implements GoldPersonRepository {
  static final TableName TABLE = TableName.of(LakehouseTable.GOLD_PERSON);

  private final TrinoLakehouse lakehouse;

  public TrinoGoldPersonRepository(TrinoLakehouse lakehouse) {
    this.lakehouse = requireNonNull(lakehouse, "lakehouse is null");
    int largestPage = CommunityPersonService.MAX_LIMIT + 1; // the service asks one more to see whether a page follows
    if (lakehouse.config().maxRows() < largestPage) {
      throw new IllegalArgumentException("Invalid hub.trino.max-rows: serving gold.person from Trino needs at least "
          + largestPage + " rows per query, was " + lakehouse.config().maxRows());
    }
  }

  @Override
  public OptionalLong currentSnapshotId() {
    return lakehouse.currentSnapshotId(TABLE);
  }

  @Override
  public List<MasterPerson> findByCommunityAfter(String communityCode, long snapshotId, String afterMasterId, int limit) {
    requireNonNull(communityCode, "communityCode is null");
    DatasetQuery page = DatasetQuery.from(TABLE)
        .select(IcebergGoldPersonRepository.COLUMNS)
        .where("community_code", communityCode)
        .atSnapshot(snapshotId)
        .orderBy("master_id")
        .after(afterMasterId)
        .limit(limit);
    List<MasterPerson> persons = lakehouse.select(page, TrinoGoldPersonRepository::person);
    for (MasterPerson p : persons) {
      // Trino applied the filter; checked again because a wrong row here would leak another community
      if (!communityCode.equals(p.communityCode())) {
        throw new IllegalStateException("Cannot list " + TABLE + " for community " + communityCode
            + ": Trino returned a person of community " + p.communityCode());
      }
    }
    return persons;
  }

  private static MasterPerson person(ResultSet rs) throws SQLException {
    java.sql.Date birth = rs.getDate("birth_date");
    Timestamp updated = rs.getTimestamp("updated_at");
    int sourceCount = rs.getInt("source_count"); // 0 for null, as the projection reads it
    return new MasterPerson(
        rs.getString("master_id"),
        rs.getString("id_number"),
        null, // not served, as in the projection
        rs.getString("name"),
        null,
        Sex.fromCode(rs.getString("sex")),
        birth == null ? null : birth.toLocalDate(),
        rs.getString("phone"),
        rs.getString("address"),
        rs.getString("house_id"),
        rs.getString("district_code"),
        rs.getString("community_code"),
        rs.getString("grid_code"),
        tags(rs.getArray("tags")),
        PersonStatus.ofStored(rs.getString("status")),
        Map.of(),
        sourceCount,
        updated == null ? null : updated.toInstant());
  }

  private static List<String> tags(Array array) throws SQLException {
    if (array == null) {
      return List.of();
    }
    List<String> tags = new ArrayList<>();
    for (Object tag : (Object[]) array.getArray()) {
      tags.add((String) tag);
    }
    return List.copyOf(tags);
  }
}
