package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Predicate;
import org.cdhub.model.entity.MasterPerson;

/** gold.person served from memory (a {@link ProjectedTable}), as rosters read it. */
public final class ProjectedGoldPersonRepository implements GoldPersonRepository {
  private final ProjectedTable<CommunityProjection<MasterPerson>> table;

  public ProjectedGoldPersonRepository(GoldTableReader<CommunityProjection<MasterPerson>> reader, Clock clock,
      Duration cursorGrace) {
    this.table = new ProjectedTable<>(requireNonNull(reader, "reader is null"), clock, cursorGrace);
  }

  /** The projected table, for the refresher. */
  public ProjectedTable<CommunityProjection<MasterPerson>> table() {
    return table;
  }

  @Override
  public OptionalLong currentSnapshotId() {
    return table.currentSnapshotId();
  }

  @Override
  public List<MasterPerson> findByCommunityAfter(String communityCode, long snapshotId, String afterMasterId, int limit) {
    return findByCommunityAfter(communityCode, snapshotId, afterMasterId, limit, null);
  }

  @Override
  public List<MasterPerson> findByCommunityAfter(String communityCode, long snapshotId, String afterMasterId, int limit,
      Predicate<? super MasterPerson> filter) {
    requireNonNull(communityCode, "communityCode is null");
    return table.at(snapshotId).after(communityCode, afterMasterId, limit, filter);
  }

  /** See {@link ProjectedTable#refresh()}. */
  public boolean refresh() {
    return table.refresh();
  }

  /** See {@link ProjectedTable#servedSnapshotId()}. */
  public OptionalLong servedSnapshotId() {
    return table.servedSnapshotId();
  }
}
