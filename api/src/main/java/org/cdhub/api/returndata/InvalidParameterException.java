package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

/** A request parameter that passed the contract's own rules but breaks one across parameters. */
public final class InvalidParameterException extends RuntimeException {
  private final String field;
  private final String rule;

  public InvalidParameterException(String field, String rule, String message) {
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
