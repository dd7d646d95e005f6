package org.cdhub.api.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The client platform of the current request, as authenticated by its API key. */
@Component
public class CurrentClient {
  /** The authenticated client; only reachable on paths that require authentication. */
  public ApiClient require() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth instanceof ApiClientAuthentication client) {
      return client.getPrincipal();
    }
    throw new IllegalStateException("Cannot find the calling client: the request was not authenticated by API key");
  }
}
