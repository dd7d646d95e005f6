package org.cdhub.api.security;

import static java.util.Objects.requireNonNull;

/** The {@code unmask} or {@code purpose} parameter breaks a rule: a 400 naming the field and rule. */
public final class InvalidUnmaskRequestException extends IllegalArgumentException {
  private final String field;
  private final String rule;

  public InvalidUnmaskRequestException(String field, String rule, String message) {
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
