package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One page of one of a community's lists, masked but for the fields a grant unmasks.
 *
 * @param communityCode the community listed
 * @param items the page, ordered by master id
 * @param limit the page size asked for
 * @param snapshotId lakehouse snapshot read, null while the table is empty
 * @param nextCursor token of the next page, null on the last page
 * @param unmaskedFields the fields shown unmasked under a grant; empty when every personal field is masked
 * @param <T> the masked row type
 */
public record CommunityPage<T>(String communityCode, List<T> items, int limit, Long snapshotId, String nextCursor,
    List<String> unmaskedFields) {
  public CommunityPage {
    requireNonNull(communityCode, "communityCode is null");
    items = List.copyOf(requireNonNull(items, "items is null"));
    unmaskedFields = List.copyOf(requireNonNull(unmaskedFields, "unmaskedFields is null"));
  }

  /** A page with every personal field masked. */
  public CommunityPage(String communityCode, List<T> items, int limit, Long snapshotId, String nextCursor) {
    this(communityCode, items, limit, snapshotId, nextCursor, List.of());
  }

  public boolean hasMore() {
    return nextCursor != null;
  }

  /** Whether every personal field is masked. */
  public boolean masked() {
    return unmaskedFields.isEmpty();
  }
}
