package org.cdhub.api.trino;

import static java.util.Objects.requireNonNull;

/**
 * Trino could not answer: down, starting, misconfigured, or the query ran past
 * {@code hub.trino.query-timeout}. {@link #rule()} is {@link #UNAVAILABLE}, {@link #TIMEOUT}, or for
 * subscription rows {@code not-configured} or {@code no-access-rules}. Answered 503.
 */
public final class TrinoUnavailableException extends RuntimeException {
  public static final String UNAVAILABLE = "unavailable";
  public static final String TIMEOUT = "timeout";

  private final String rule;

  public TrinoUnavailableException(String rule, String message, Throwable cause) {
    super(message, cause);
    this.rule = requireNonNull(rule, "rule is null");
  }

  public String rule() {
    return rule;
  }
}
