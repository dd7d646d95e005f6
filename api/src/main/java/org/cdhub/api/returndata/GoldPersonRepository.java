package org.cdhub.api.returndata;

import java.util.List;
import java.util.OptionalLong;
import java.util.function.Predicate;
import org.cdhub.model.entity.MasterPerson;

/** The golden person records (gold.person), read at a fixed lakehouse snapshot. */
public interface GoldPersonRepository {
  /**
   * The table's current snapshot; empty while the table holds no data yet.
   *
   * @throws DatasetUnavailableException if the table does not exist
   */
  OptionalLong currentSnapshotId();

  /**
   * Up to {@code limit} persons of one community as of a snapshot that pass {@code filter} (null:
   * all), ordered by master id, starting after {@code afterMasterId} (null: from the first).
   * Personal fields are returned as stored: callers mask them.
   *
   * @throws SnapshotExpiredException if the table no longer keeps the snapshot
   * @throws DatasetUnavailableException if the table does not exist
   */
  List<MasterPerson> findByCommunityAfter(String communityCode, long snapshotId, String afterMasterId, int limit,
      Predicate<? super MasterPerson> filter);

  /** Every person, unfiltered: see {@link #findByCommunityAfter(String, long, String, int, Predicate)}. */
  default List<MasterPerson> findByCommunityAfter(String communityCode, long snapshotId, String afterMasterId, int limit) {
    return findByCommunityAfter(communityCode, snapshotId, afterMasterId, limit, null);
  }
}
