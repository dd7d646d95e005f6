package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

/** A page cursor that cannot be used; {@link #field()} names the parameter, {@link #rule()} says why. */
public final class InvalidCursorException extends RuntimeException {
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

  private final String field;
  private final String rule;

  public InvalidCursorException(String rule, String message) {
    this(CURSOR, rule, message, null);
  }

  public InvalidCursorException(String rule, String message, Throwable cause) {
    this(CURSOR, rule, message, cause);
  }

  public InvalidCursorException(String field, String rule, String message, Throwable cause) {
    super(message, cause);
    this.field = requireNonNull(field, "field is null");
    this.rule = requireNonNull(rule, "rule is null");
  }

  public String field() {
    return field;
  }

  public String rule() {
    return rule;
  }
}
