package org.cdhub.api.security;

import org.cdhub.api.problem.InvalidParameterException;

/** The {@code unmask} or {@code purpose} parameter breaks a rule: a 400 naming the field and rule. */
public final class InvalidUnmaskRequestException extends InvalidParameterException {
  public InvalidUnmaskRequestException(String field, String rule, String message) {
    super(field, rule, message);
  }
}
