package org.cdhub.catalog.correction;

import static java.util.Objects.requireNonNull;

/**
 * A community correction that breaks a rule; {@link #field()} names the field as the API's
 * request body spells it, {@link #rule()} the rule. The message never repeats an ID number or phone.
 */
public final class InvalidCorrectionException extends IllegalArgumentException {
  private final String field;
  private final String rule;

  InvalidCorrectionException(String record, String field, String rule, String message) {
    super("Invalid community correction " + record + ", field " + field + ": " + message);
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
