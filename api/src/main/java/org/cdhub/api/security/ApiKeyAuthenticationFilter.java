package org.cdhub.api.security;

import static java.util.Objects.requireNonNull;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request by its {@code X-API-Key} header. A request without the header goes on
 * anonymous (and is refused by authorization unless the path is public); a request with an
 * unknown key is refused here, so a wrong key never falls back to anonymous access.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {
  static final String HEADER = "X-API-Key";

  private final ApiClients clients;
  private final AuthenticationEntryPoint entryPoint;

  ApiKeyAuthenticationFilter(ApiClients clients, AuthenticationEntryPoint entryPoint) {
    this.clients = requireNonNull(clients, "clients is null");
    this.entryPoint = requireNonNull(entryPoint, "entryPoint is null");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String key = request.getHeader(HEADER);
    if (key == null) {
      chain.doFilter(request, response);
      return;
    }
    Optional<ApiClient> client = clients.authenticate(key);
    if (client.isEmpty()) {
      SecurityContextHolder.clearContext();
      entryPoint.commence(request, response, new BadCredentialsException("Unknown API key"));
      return;
    }
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(new ApiClientAuthentication(client.get()));
    SecurityContextHolder.setContext(context);
    try {
      chain.doFilter(request, response);
    } finally {
      SecurityContextHolder.clearContext();
    }
  }
}
