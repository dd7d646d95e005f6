package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One page of a community's masked roster.
 *
 * @param communityCode the community listed
 * @param persons the page, ordered by master id
 * @param limit the page size asked for
 * @param snapshotId lakehouse snapshot read, null while the table is empty
 * @param nextCursor token of the next page, null on the last page
 */
public record RosterPage(String communityCode, List<MaskedPerson> persons, int limit, Long snapshotId,
    String nextCursor) {
  public RosterPage {
    requireNonNull(communityCode, "communityCode is null");
    persons = List.copyOf(requireNonNull(persons, "persons is null"));
  }

  public boolean hasMore() {
    return nextCursor != null;
  }

  /** Personal fields are always masked until unmasking grants exist (a later issue). */
  public boolean masked() {
    return true;
  }
}
