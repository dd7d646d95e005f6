package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One answer of a community's change feed.
 *
 * @param changes ordered by master id
 * @param limit the page size asked for
 * @param fromSnapshotId snapshot the changes count from; null before the table's first snapshot
 * @param toSnapshotId snapshot the changes lead to; null when there is nothing newer
 * @param nextCursor token to pass as {@code since} next time; never null
 * @param hasMore whether calling again now gives more changes
 */
public record ChangeFeedPage(String communityCode, List<MaskedChange> changes, int limit, Long fromSnapshotId,
    Long toSnapshotId, String nextCursor, boolean hasMore) {
  public ChangeFeedPage {
    requireNonNull(communityCode, "communityCode is null");
    changes = List.copyOf(requireNonNull(changes, "changes is null"));
    requireNonNull(nextCursor, "nextCursor is null");
  }

  /** Personal fields are always masked until unmasking grants exist (a later issue). */
  public boolean masked() {
    return true;
  }
}
