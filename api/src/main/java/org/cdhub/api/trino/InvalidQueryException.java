package org.cdhub.api.trino;

import static java.util.Objects.requireNonNull;

/**
 * A query the caller got wrong (an unknown column, a malformed identifier, too many rows):
 * {@link #field()} names the part of the query at fault, {@link #rule()} says why. Answered 400.
 */
public final class InvalidQueryException extends RuntimeException {
  private final String field;
  private final String rule;

  public InvalidQueryException(String field, String rule, String message) {
    super(message);
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
