package org.cdhub.api.lineage;

/** A client without role {@code auditor} asked for record-level lineage. */
public final class AuditorRoleRequiredException extends RuntimeException {
  public AuditorRoleRequiredException(String clientId) {
    super("Client " + clientId + " may not read record lineage: it needs role auditor");
  }
}
