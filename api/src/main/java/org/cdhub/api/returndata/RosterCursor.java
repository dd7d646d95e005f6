package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;


/**
 * Where a walk through a community's roster stands: the lakehouse snapshot of its first page
 * (so every page reads the same table state while new snapshots land) and the last master id
 * returned (pages are ordered by master id). Clients see it only as an opaque URL-safe token.
 *
 * @param communityCode community the walk lists
 * @param snapshotId snapshot pinned by the first page
 * @param lastMasterId master id of the last person already returned
 */
public record RosterCursor(String communityCode, long snapshotId, String lastMasterId) {
  private static final String VERSION = "r1";
  private static final int MAX_MASTER_ID_LENGTH = 128;

  public RosterCursor {
    requireNonNull(communityCode, "communityCode is null");
    requireNonNull(lastMasterId, "lastMasterId is null");
    if (lastMasterId.isEmpty() || lastMasterId.length() > MAX_MASTER_ID_LENGTH) {
      throw new IllegalArgumentException("Invalid cursor field lastMasterId: must be 1.." + MAX_MASTER_ID_LENGTH
          + " characters, was " + lastMasterId.length());
    }
  }

  /** The opaque token handed to clients. */
  public String encode() {
    return CursorToken.encode(VERSION, communityCode, Long.toString(snapshotId), lastMasterId);
  }

  /**
   * Reads a token made by {@link #encode()}.
   *
   * @throws InvalidCursorException with rule {@link InvalidCursorException#MALFORMED} for any other text
   */
  public static RosterCursor decode(String token) {
    requireNonNull(token, "token is null");
    String[] parts = CursorToken.decode(token, VERSION, 4, RosterCursor::malformed);
    long snapshotId;
    try {
      snapshotId = Long.parseLong(parts[2]);
    } catch (NumberFormatException e) {
      throw malformed("its snapshot id is not a number", e);
    }
    try {
      return new RosterCursor(parts[1], snapshotId, parts[3]);
    } catch (IllegalArgumentException e) {
      throw malformed("its master id is empty or too long", e);
    }
  }

  private static InvalidCursorException malformed(String why, Throwable cause) {
    return new InvalidCursorException(InvalidCursorException.MALFORMED,
        "Cannot read cursor: " + why + "; pass page.nextCursor of a previous response unchanged", cause);
  }
}
