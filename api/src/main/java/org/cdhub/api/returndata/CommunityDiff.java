package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.cdhub.model.entity.MasterPerson;

/**
 * The net changes of one community's persons between two snapshots of gold.person, one per
 * master id, ordered by master id. Computed by comparing the two states row by row, so it holds
 * whatever wrote the snapshots (MERGE with delete files, compaction, rollback). Immutable, as
 * the two snapshots are: a diff can be kept and paged through.
 *
 * @param fromSnapshotId the earlier state; null for the state before the table's first snapshot
 * @param toSnapshotId the later state
 */
public record CommunityDiff(String communityCode, Long fromSnapshotId, long toSnapshotId, List<Entry> entries) {
  public CommunityDiff {
    requireNonNull(communityCode, "communityCode is null");
    entries = List.copyOf(requireNonNull(entries, "entries is null"));
  }

  /**
   * One master id's change, unmasked.
   *
   * @param survivorId for MERGE, the master that absorbed {@code masterId}; null otherwise
   * @param person for INSERT and UPDATE, the person as of the later snapshot; null otherwise
   */
  public record Entry(ChangeType type, String masterId, String survivorId, MasterPerson person) {
    public Entry {
      requireNonNull(type, "type is null");
      requireNonNull(masterId, "masterId is null");
      boolean carriesPerson = type == ChangeType.INSERT || type == ChangeType.UPDATE;
      if (carriesPerson != (person != null) || (type == ChangeType.MERGE) != (survivorId != null)) {
        throw new IllegalArgumentException("Invalid " + type + " change of " + masterId
            + ": a person goes with INSERT and UPDATE only, a survivor with MERGE only");
      }
    }
  }

  /**
   * Compares the community at two snapshots.
   *
   * @param before persons at the earlier snapshot, ordered by master id
   * @param after persons at the later snapshot, ordered by master id
   * @param survivorsOf the current survivor of each given master id absorbed by a merge
   */
  public static CommunityDiff between(String communityCode, Long fromSnapshotId, long toSnapshotId,
      List<MasterPerson> before, List<MasterPerson> after, Function<Set<String>, Map<String, String>> survivorsOf) {
    requireNonNull(before, "before is null");
    requireNonNull(after, "after is null");
    requireNonNull(survivorsOf, "survivorsOf is null");
    List<Entry> entries = new ArrayList<>();
    List<String> gone = new ArrayList<>();
    Set<String> present = new HashSet<>();
    int i = 0;
    int j = 0;
    while (i < before.size() || j < after.size()) {
      MasterPerson old = i < before.size() ? before.get(i) : null;
      MasterPerson now = j < after.size() ? after.get(j) : null;
      int order = old == null ? 1 : now == null ? -1 : old.masterId().compareTo(now.masterId());
      if (order < 0) {
        gone.add(old.masterId());
        i++;
        continue;
      }
      present.add(now.masterId());
      if (order > 0) {
        entries.add(new Entry(ChangeType.INSERT, now.masterId(), null, now));
      } else if (!old.equals(now)) {
        // every served field counts, updated_at too: it is part of the platform's copy
        entries.add(new Entry(ChangeType.UPDATE, now.masterId(), null, now));
      }
      if (order == 0) {
        i++;
      }
      j++;
    }
    Map<String, String> survivors = gone.isEmpty() ? Map.of() : survivorsOf.apply(Set.copyOf(gone));
    for (String masterId : gone) {
      String survivor = survivors.get(masterId);
      // a survivor outside the community is no record the platform holds: for it the person is just gone
      entries.add(survivor != null && present.contains(survivor)
          ? new Entry(ChangeType.MERGE, masterId, survivor, null)
          : new Entry(ChangeType.DELETE, masterId, null, null));
    }
    entries.sort((a, b) -> a.masterId().compareTo(b.masterId()));
    return new CommunityDiff(communityCode, fromSnapshotId, toSnapshotId, entries);
  }

  /** Up to {@code limit} entries after {@code lastMasterId} (null: from the first). */
  public List<Entry> after(String lastMasterId, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("Cannot page changes: limit must be positive, was " + limit);
    }
    // first entry whose master id sorts after lastMasterId (entries are ordered by master id)
    int start = 0;
    int end = entries.size();
    while (lastMasterId != null && start < end) {
      int middle = (start + end) >>> 1;
      if (entries.get(middle).masterId().compareTo(lastMasterId) <= 0) {
        start = middle + 1;
      } else {
        end = middle;
      }
    }
    return entries.subList(start, Math.min(entries.size(), start + limit));
  }

  public int size() {
    return entries.size();
  }
}
