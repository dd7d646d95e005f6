package org.cdhub.api.security;

import static java.util.Objects.requireNonNull;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request by its {@code X-API-Key} header. A request without the header goes on
 * anonymous (and is refused by authorization unless the path is public); a request with an
 * unknown or expired key is refused here, so a wrong key never falls back to anonymous access.
 * A known client beyond its rate limit gets 429 before any data is read.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {
  static final String HEADER = "X-API-Key";

  private final ApiClients clients;
  private final ClientRequestRates rates;
  private final ProblemResponses problems;

  ApiKeyAuthenticationFilter(ApiClients clients, ClientRequestRates rates, ProblemResponses problems) {
    this.clients = requireNonNull(clients, "clients is null");
    this.rates = requireNonNull(rates, "rates is null");
    this.problems = requireNonNull(problems, "problems is null");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String key = request.getHeader(HEADER);
    if (key == null) {
      chain.doFilter(request, response);
      return;
    }
    Optional<ApiClient> client;
    try {
      client = clients.authenticate(key);
    } catch (AuthenticationException e) {
      SecurityContextHolder.clearContext();
      problems.commence(request, response, e);
      return;
    }
    if (client.isEmpty()) {
      SecurityContextHolder.clearContext();
      problems.commence(request, response, new BadCredentialsException("Unknown API key"));
      return;
    }
    if (!rates.tryAcquire(client.get())) {
      SecurityContextHolder.clearContext();
      problems.tooManyRequests(request, response, rates.limitOf(client.get().id()));
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
