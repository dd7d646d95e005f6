package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One page of one of a community's lists, masked.
 *
 * @param communityCode the community listed
 * @param items the page, ordered by master id
 * @param limit the page size asked for
 * @param snapshotId lakehouse snapshot read, null while the table is empty
 * @param nextCursor token of the next page, null on the last page
 * @param <T> the masked row type
 */
public record CommunityPage<T>(String communityCode, List<T> items, int limit, Long snapshotId, String nextCursor) {
  public CommunityPage {
    requireNonNull(communityCode, "communityCode is null");
    items = List.copyOf(requireNonNull(items, "items is null"));
  }

  public boolean hasMore() {
    return nextCursor != null;
  }

  /** Personal fields are always masked until unmasking grants exist (a later issue). */
  public boolean masked() {
    return true;
  }
}
