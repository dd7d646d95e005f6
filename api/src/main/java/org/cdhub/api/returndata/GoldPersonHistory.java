package org.cdhub.api.returndata;

import java.util.List;
import java.util.OptionalLong;
import org.cdhub.model.entity.MasterPerson;

/**
 * gold.person at any snapshot the table still keeps, read from the table itself: what the
 * change feed compares. The roster's serving projection holds only the latest snapshot.
 */
public interface GoldPersonHistory {
  /**
   * The table's current snapshot; empty while the table holds no data yet.
   *
   * @throws DatasetUnavailableException if the table does not exist
   */
  OptionalLong currentSnapshotId();

  /**
   * Every person of one community as of a snapshot, ordered by master id, personal fields as
   * stored. Holds the whole community in memory.
   *
   * @throws SnapshotExpiredException if the table no longer keeps the snapshot
   * @throws DatasetUnavailableException if the table does not exist
   */
  List<MasterPerson> findAllByCommunity(String communityCode, long snapshotId);
}
