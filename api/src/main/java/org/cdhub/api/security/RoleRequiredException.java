package org.cdhub.api.security;

import static java.util.Objects.requireNonNull;

/** The client lacks the role an endpoint needs; answered 403 {@code role.required}. */
public final class RoleRequiredException extends RuntimeException {
  private final String role;

  public RoleRequiredException(String clientId, String role, String what) {
    super("Client " + clientId + " may not " + what + ": it needs role " + role);
    this.role = requireNonNull(role, "role is null");
  }

  public String role() {
    return role;
  }
}
