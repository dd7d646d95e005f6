package org.cdhub.api.queryaudit;

/**
 * The access audit cannot be written or read now (the catalog database is down or locked):
 * answered 503 {@code audit.unavailable}, so Trino's event listener sends the event again.
 */
public final class AuditUnavailableException extends RuntimeException {
  public AuditUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
