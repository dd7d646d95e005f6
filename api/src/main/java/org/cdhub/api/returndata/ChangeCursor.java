package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;


/**
 * Where a platform's copy of a community stands in the change feed. At rest it names only the
 * snapshot the copy reflects ({@code fromSnapshotId}). While a catch-up pages through the
 * changes up to a newer snapshot, it also pins that snapshot ({@code toSnapshotId}, so every
 * page reads the same pair) and the last master id returned (changes are ordered by master id).
 * Clients see it only as an opaque URL-safe token.
 *
 * @param communityCode community whose changes are followed
 * @param fromSnapshotId snapshot the copy reflects; null before the table's first snapshot
 * @param toSnapshotId snapshot a catch-up leads to; null at rest
 * @param lastMasterId master id of the last change returned in the catch-up; null at rest
 */
public record ChangeCursor(String communityCode, Long fromSnapshotId, Long toSnapshotId, String lastMasterId) {
  private static final String VERSION = "c1";
  private static final int MAX_MASTER_ID_LENGTH = 128;

  public ChangeCursor {
    requireNonNull(communityCode, "communityCode is null");
    if ((toSnapshotId == null) != (lastMasterId == null)) {
      throw new IllegalArgumentException("Invalid change cursor: toSnapshotId and lastMasterId go together, were "
          + toSnapshotId + " and " + (lastMasterId == null ? "null" : "a master id"));
    }
    if (toSnapshotId != null && toSnapshotId.equals(fromSnapshotId)) {
      throw new IllegalArgumentException("Invalid change cursor: toSnapshotId must differ from fromSnapshotId, both were "
          + toSnapshotId);
    }
    if (lastMasterId != null && (lastMasterId.isEmpty() || lastMasterId.length() > MAX_MASTER_ID_LENGTH)) {
      throw new IllegalArgumentException("Invalid change cursor field lastMasterId: must be 1.." + MAX_MASTER_ID_LENGTH
          + " characters, was " + lastMasterId.length());
    }
  }

  /** A copy that reflects {@code snapshotId} (null: the table had no snapshot yet). */
  public static ChangeCursor at(String communityCode, Long snapshotId) {
    return new ChangeCursor(communityCode, snapshotId, null, null);
  }

  public boolean atRest() {
    return toSnapshotId == null;
  }

  /** The opaque token handed to clients. */
  public String encode() {
    return CursorToken.encode(VERSION, communityCode, text(fromSnapshotId), text(toSnapshotId),
        lastMasterId == null ? "" : lastMasterId);
  }

  /**
   * Reads a token made by {@link #encode()}.
   *
   * @throws InvalidCursorException for field {@code since}, rule {@link InvalidCursorException#MALFORMED}, for any other text
   */
  public static ChangeCursor decode(String token) {
    requireNonNull(token, "token is null");
    String[] parts = CursorToken.decode(token, VERSION, 5, ChangeCursor::malformed);
    Long from = snapshot(parts[2], "from");
    Long to = snapshot(parts[3], "to");
    try {
      return new ChangeCursor(parts[1], from, to, parts[4].isEmpty() ? null : parts[4]);
    } catch (IllegalArgumentException e) {
      throw malformed("its fields do not fit together", e);
    }
  }

  private static Long snapshot(String text, String which) {
    if (text.isEmpty()) {
      return null;
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw malformed("its " + which + " snapshot id is not a number", e);
    }
  }

  private static String text(Long snapshotId) {
    return snapshotId == null ? "" : Long.toString(snapshotId);
  }

  private static InvalidCursorException malformed(String why, Throwable cause) {
    return new InvalidCursorException(InvalidCursorException.SINCE, InvalidCursorException.MALFORMED,
        "Cannot read change cursor: " + why + "; pass page.nextCursor of a previous response unchanged", cause);
  }
}
