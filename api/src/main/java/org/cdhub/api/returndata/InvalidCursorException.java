package org.cdhub.api.returndata;

import org.cdhub.api.problem.InvalidParameterException;

/** A page cursor that cannot be used; {@link #field()} names the parameter, {@link #rule()} says why. */
public final class InvalidCursorException extends InvalidParameterException {
  /** The roster's parameter. */
  public static final String CURSOR = "cursor";
  /** The change feed's parameter. */
  public static final String SINCE = "since";
  /** The token is not a cursor this API issued. */
  public static final String MALFORMED = "malformed";
  /** The cursor was issued for another community. */
  public static final String OTHER_COMMUNITY = "other-community";
  /** The cursor walks another of the community's lists. */
  public static final String OTHER_LIST = "other-list";
  /** The snapshot the cursor pins is no longer kept by the lakehouse. */
  public static final String EXPIRED = "expired";

  public InvalidCursorException(String rule, String message) {
    this(CURSOR, rule, message, null);
  }

  public InvalidCursorException(String rule, String message, Throwable cause) {
    this(CURSOR, rule, message, cause);
  }

  public InvalidCursorException(String field, String rule, String message, Throwable cause) {
    super(field, rule, message, cause);
  }
}
