package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

/**
 * Where a walk through one of a community's lists stands: which list, the lakehouse snapshot of
 * its first page (so every page reads the same table state while new snapshots land), the
 * gold.place snapshot its building or grid filter was answered from (if any), the filters it was
 * asked with, and the last master id returned (pages are ordered by master id). Clients see it
 * only as an opaque URL-safe token.
 *
 * @param list the list walked, e.g. {@code persons}
 * @param communityCode community the walk lists
 * @param snapshotId snapshot of the list's table pinned by the first page
 * @param placeSnapshotId snapshot of gold.place pinned by the first page, null when the filters need no hierarchy
 * @param filters the filters of the first page
 * @param lastMasterId master id of the last row already returned
 */
public record PageCursor(String list, String communityCode, long snapshotId, Long placeSnapshotId, ListFilters filters,
    String lastMasterId) {
  private static final String VERSION = "p1";
  private static final String NO_SNAPSHOT = "-";
  private static final int MAX_MASTER_ID_LENGTH = 128;

  public PageCursor {
    requireNonNull(list, "list is null");
    requireNonNull(communityCode, "communityCode is null");
    requireNonNull(filters, "filters is null");
    requireNonNull(lastMasterId, "lastMasterId is null");
    if (!list.matches("[a-z]{1,32}")) {
      throw new IllegalArgumentException("Invalid cursor field list: must be 1..32 lower-case letters, was " + list);
    }
    if (lastMasterId.isEmpty() || lastMasterId.length() > MAX_MASTER_ID_LENGTH) {
      throw new IllegalArgumentException("Invalid cursor field lastMasterId: must be 1.." + MAX_MASTER_ID_LENGTH
          + " characters, was " + lastMasterId.length());
    }
  }

  /** A cursor of an unfiltered walk of one table. */
  public PageCursor(String list, String communityCode, long snapshotId, String lastMasterId) {
    this(list, communityCode, snapshotId, null, ListFilters.NONE, lastMasterId);
  }

  /** The opaque token handed to clients. */
  public String encode() {
    return CursorToken.encode(VERSION, communityCode, list, Long.toString(snapshotId),
        placeSnapshotId == null ? NO_SNAPSHOT : Long.toString(placeSnapshotId), filters.encode(), lastMasterId);
  }

  /**
   * Reads a token made by {@link #encode()}.
   *
   * @throws InvalidCursorException with rule {@link InvalidCursorException#MALFORMED} for any other text
   */
  public static PageCursor decode(String token) {
    requireNonNull(token, "token is null");
    String[] parts = CursorToken.decode(token, VERSION, 7, PageCursor::malformed);
    long snapshotId;
    Long placeSnapshotId;
    try {
      snapshotId = Long.parseLong(parts[3]);
      placeSnapshotId = NO_SNAPSHOT.equals(parts[4]) ? null : Long.valueOf(parts[4]);
    } catch (NumberFormatException e) {
      throw malformed("its snapshot id is not a number", e);
    }
    ListFilters filters;
    try {
      filters = ListFilters.decode(parts[5]);
    } catch (IllegalArgumentException e) {
      throw malformed("its filters are not readable", e);
    }
    try {
      return new PageCursor(parts[2], parts[1], snapshotId, placeSnapshotId, filters, parts[6]);
    } catch (IllegalArgumentException e) {
      throw malformed("its list name or master id is invalid", e);
    }
  }

  private static InvalidCursorException malformed(String why, Throwable cause) {
    return new InvalidCursorException(InvalidCursorException.MALFORMED,
        "Cannot read cursor: " + why + "; pass page.nextCursor of a previous response unchanged", cause);
  }
}
