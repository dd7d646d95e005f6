package org.cdhub.api.security;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated client platform in Spring Security's context. Holds no key. */
final class ApiClientAuthentication extends AbstractAuthenticationToken {
  private final ApiClient client;

  ApiClientAuthentication(ApiClient client) {
    super(List.of(new SimpleGrantedAuthority("ROLE_CLIENT")));
    this.client = requireNonNull(client, "client is null");
    setAuthenticated(true);
  }

  @Override
  public Object getCredentials() {
    return null;
  }

  @Override
  public ApiClient getPrincipal() {
    return client;
  }

  @Override
  public String getName() {
    return client.id();
  }
}
