package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

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
  private static final char SEPARATOR = '|';
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
    String plain = VERSION + SEPARATOR + communityCode + SEPARATOR + snapshotId + SEPARATOR + lastMasterId;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a token made by {@link #encode()}.
   *
   * @throws InvalidCursorException with rule {@link InvalidCursorException#MALFORMED} for any other text
   */
  public static RosterCursor decode(String token) {
    requireNonNull(token, "token is null");
    String plain;
    try {
      plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw malformed("it is not URL-safe Base64", e);
    }
    // the master id is last, so a separator inside it cannot shift the other fields
    String[] parts = plain.split("\\|", 4);
    if (parts.length != 4 || !VERSION.equals(parts[0])) {
      throw malformed("it was not issued by this API", null);
    }
    if (!parts[1].matches("[0-9]{12}")) {
      throw malformed("its community code is not 12 digits", null);
    }
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
