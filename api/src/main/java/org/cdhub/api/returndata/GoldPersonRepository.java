package org.cdhub.api.returndata;

import java.util.ArrayList;
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
   * Up to {@code limit} persons of one community as of a snapshot, ordered by master id, starting
   * after {@code afterMasterId} (null: from the first). Personal fields are returned as stored:
   * callers mask them.
   *
   * @throws SnapshotExpiredException if the table no longer keeps the snapshot
   * @throws DatasetUnavailableException if the table does not exist
   */
  List<MasterPerson> findByCommunityAfter(String communityCode, long snapshotId, String afterMasterId, int limit);

  /**
   * As {@link #findByCommunityAfter(String, long, String, int)}, keeping only persons that pass
   * {@code filter} (null: all). This default reads unfiltered pages of {@code limit} persons on
   * from the start until {@code limit} pass or the community ends; repositories that can filter
   * where they read override it.
   */
  default List<MasterPerson> findByCommunityAfter(String communityCode, long snapshotId, String afterMasterId, int limit,
      Predicate<? super MasterPerson> filter) {
    if (filter == null) {
      return findByCommunityAfter(communityCode, snapshotId, afterMasterId, limit);
    }
    List<MasterPerson> passed = new ArrayList<>();
    String after = afterMasterId;
    while (passed.size() < limit) {
      List<MasterPerson> page = findByCommunityAfter(communityCode, snapshotId, after, limit);
      for (MasterPerson person : page) {
        if (filter.test(person) && passed.size() < limit) {
          passed.add(person);
        }
      }
      if (page.size() < limit) {
        break;
      }
      after = page.get(page.size() - 1).masterId();
    }
    return passed;
  }
}
