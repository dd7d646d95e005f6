package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

/** A page cursor that cannot be used; {@link #rule()} says why. */
public final class InvalidCursorException extends RuntimeException {
  /** The token is not a cursor this API issued. */
  public static final String MALFORMED = "malformed";
  /** The cursor was issued for another community. */
  public static final String OTHER_COMMUNITY = "other-community";
  /** The snapshot the cursor pins is no longer kept by the lakehouse. */
  public static final String EXPIRED = "expired";

  private final String rule;

  public InvalidCursorException(String rule, String message) {
    super(message);
    this.rule = requireNonNull(rule, "rule is null");
  }

  public InvalidCursorException(String rule, String message, Throwable cause) {
    super(message, cause);
    this.rule = requireNonNull(rule, "rule is null");
  }

  public String rule() {
    return rule;
  }
}
