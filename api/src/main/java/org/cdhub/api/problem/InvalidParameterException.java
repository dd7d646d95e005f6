package org.cdhub.api.problem;

import static java.util.Objects.requireNonNull;

/**
 * A request parameter that passed the contract's own rules but breaks one of the service's, e.g.
 * across parameters; {@link #field()} names the parameter, {@link #rule()} says why. Answered 400
 * {@code <field>.<rule>}; subclasses say which kind of parameter (cursor, unmask, dataset query).
 */
public class InvalidParameterException extends RuntimeException {
  private final String field;
  private final String rule;

  public InvalidParameterException(String field, String rule, String message) {
    this(field, rule, message, null);
  }

  protected InvalidParameterException(String field, String rule, String message, Throwable cause) {
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
