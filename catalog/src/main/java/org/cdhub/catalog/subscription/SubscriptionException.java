package org.cdhub.catalog.subscription;

import static java.util.Objects.requireNonNull;

/**
 * A subscription request or decision that cannot be carried out, naming the field and rule
 * ({@code columns.not-in-dataset}), so the API can answer RFC 7807 with that code.
 */
public final class SubscriptionException extends RuntimeException {
  /** What kind of refusal: the API's status follows from it. */
  public enum Kind {
    /** The request breaks a rule (400). */
    INVALID,
    /** No such subscription or dataset (404). */
    NOT_FOUND,
    /** The caller may not take this decision (403). */
    FORBIDDEN,
    /** The subscription's state does not allow it (409). */
    CONFLICT
  }

  private final Kind kind;
  private final String field;
  private final String rule;

  public SubscriptionException(Kind kind, String field, String rule, String message) {
    super(message);
    this.kind = requireNonNull(kind, "kind is null");
    this.field = requireNonNull(field, "field is null");
    this.rule = requireNonNull(rule, "rule is null");
  }

  public Kind kind() {
    return kind;
  }

  public String field() {
    return field;
  }

  public String rule() {
    return rule;
  }

  /** {@code field.rule}, as the API's problem code. */
  public String code() {
    return field + "." + rule;
  }
}
