package org.cdhub.api.trino;

import org.cdhub.api.problem.InvalidParameterException;

/**
 * A query the caller got wrong (an unknown column, a malformed identifier, too many rows):
 * {@link #field()} names the part of the query at fault, {@link #rule()} says why. Answered 400.
 */
public final class InvalidQueryException extends InvalidParameterException {
  public InvalidQueryException(String field, String rule, String message) {
    super(field, rule, message);
  }
}
