package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cdhub.model.entity.MasterPerson;

/**
 * gold.person as of one lakehouse snapshot, held in memory the way rosters are served: per
 * community, ordered by master id. Immutable once built, so any number of requests read it
 * without locks while the next snapshot's projection is being built elsewhere.
 */
public final class PersonProjection {
  private static final Comparator<MasterPerson> BY_MASTER_ID = Comparator.comparing(MasterPerson::masterId);
  private static final MasterPerson[] NONE = new MasterPerson[0];

  private final long snapshotId;
  private final Map<String, MasterPerson[]> byCommunity;
  private final int size;

  private PersonProjection(long snapshotId, Map<String, MasterPerson[]> byCommunity, int size) {
    this.snapshotId = snapshotId;
    this.byCommunity = byCommunity;
    this.size = size;
  }

  /**
   * The projection of {@code persons}, all read from snapshot {@code snapshotId}. Persons without a
   * community code are left out: no roster could ever list them.
   *
   * @throws IllegalArgumentException if a master id occurs twice in one community (pages would repeat it)
   */
  public static PersonProjection of(long snapshotId, Collection<MasterPerson> persons) {
    requireNonNull(persons, "persons is null");
    Map<String, List<MasterPerson>> grouped = new HashMap<>();
    for (MasterPerson person : persons) {
      requireNonNull(person, "person is null");
      if (person.communityCode() != null) {
        grouped.computeIfAbsent(person.communityCode(), c -> new java.util.ArrayList<>()).add(person);
      }
    }
    Map<String, MasterPerson[]> byCommunity = new HashMap<>(grouped.size() * 2);
    int size = 0;
    for (Map.Entry<String, List<MasterPerson>> community : grouped.entrySet()) {
      MasterPerson[] sorted = community.getValue().toArray(NONE);
      Arrays.sort(sorted, BY_MASTER_ID);
      for (int i = 1; i < sorted.length; i++) {
        if (sorted[i].masterId().equals(sorted[i - 1].masterId())) {
          throw new IllegalArgumentException("Cannot project gold.person at snapshot " + snapshotId
              + ": master id " + sorted[i].masterId() + " occurs twice in community " + community.getKey());
        }
      }
      byCommunity.put(community.getKey(), sorted);
      size += sorted.length;
    }
    return new PersonProjection(snapshotId, Map.copyOf(byCommunity), size);
  }

  public long snapshotId() {
    return snapshotId;
  }

  /** Persons held, over all communities. */
  public int size() {
    return size;
  }

  /** Persons of one community. */
  public int size(String communityCode) {
    return byCommunity.getOrDefault(requireNonNull(communityCode, "communityCode is null"), NONE).length;
  }

  /**
   * Up to {@code limit} persons of one community after {@code afterMasterId} (null: from the
   * first), in master-id order: a binary search and a copy of the page, whatever the community's size.
   */
  public List<MasterPerson> after(String communityCode, String afterMasterId, int limit) {
    requireNonNull(communityCode, "communityCode is null");
    if (limit < 1) {
      throw new IllegalArgumentException("Cannot list gold.person: limit must be positive, was " + limit);
    }
    MasterPerson[] sorted = byCommunity.getOrDefault(communityCode, NONE);
    int from = afterMasterId == null ? 0 : firstAfter(sorted, afterMasterId);
    int to = (int) Math.min(sorted.length, (long) from + limit);
    return from >= to ? List.of() : List.of(Arrays.copyOfRange(sorted, from, to));
  }

  /** Index of the first person whose master id is greater than {@code masterId}. */
  private static int firstAfter(MasterPerson[] sorted, String masterId) {
    int low = 0;
    int high = sorted.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (sorted[mid].masterId().compareTo(masterId) <= 0) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  @Override
  public String toString() {
    return "PersonProjection[snapshotId=" + snapshotId + ", communities=" + byCommunity.size() + ", persons=" + size + "]";
  }
}
