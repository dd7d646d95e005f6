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
 * @param unmaskedFields the fields shown unmasked under a grant; empty when every personal field is masked
 */
public record RosterPage(String communityCode, List<MaskedPerson> persons, int limit, Long snapshotId,
    String nextCursor, List<String> unmaskedFields) {
  public RosterPage {
    requireNonNull(communityCode, "communityCode is null");
    persons = List.copyOf(requireNonNull(persons, "persons is null"));
    unmaskedFields = List.copyOf(requireNonNull(unmaskedFields, "unmaskedFields is null"));
  }

  /** A masked page. */
  public RosterPage(String communityCode, List<MaskedPerson> persons, int limit, Long snapshotId, String nextCursor) {
    this(communityCode, persons, limit, snapshotId, nextCursor, List.of());
  }

  public boolean hasMore() {
    return nextCursor != null;
  }

  /** Whether every personal field is masked. */
  public boolean masked() {
    return unmaskedFields.isEmpty();
  }
}
