package org.cdhub.api.security;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.cdhub.api.problem.ApiProblem;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Security refusals as Problem Details: these happen in the filter chain, before Spring MVC and
 * its exception handlers, so they are written here.
 */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {
  private final ObjectMapper json;

  ProblemResponses(ObjectMapper json) {
    this.json = requireNonNull(json, "json is null");
  }

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    ApiProblem problem;
    if (e instanceof CredentialsExpiredException) {
      problem = new ApiProblem(HttpStatus.UNAUTHORIZED, "apiKey", "expired", "API key expired",
          "The key in header " + ApiKeyAuthenticationFilter.HEADER + " has expired; ask the data bureau for a new one");
    } else if (e instanceof BadCredentialsException) {
      problem = new ApiProblem(HttpStatus.UNAUTHORIZED, "apiKey", "invalid", "Unknown API key",
          "The key in header " + ApiKeyAuthenticationFilter.HEADER + " belongs to no client");
    } else {
      problem = new ApiProblem(HttpStatus.UNAUTHORIZED, "apiKey", "missing", "API key required",
          "Send the client's key in header " + ApiKeyAuthenticationFilter.HEADER);
    }
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"" + ApiKeyAuthenticationFilter.HEADER + "\"");
    write(response, problem, request);
  }

  /** The client used up this second's requests: it may retry in a second. */
  void tooManyRequests(HttpServletRequest request, HttpServletResponse response, int limitPerSecond) throws IOException {
    response.setHeader(HttpHeaders.RETRY_AFTER, "1");
    write(response, new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "request", "rate-limited", "Too many requests",
        "The client may make " + limitPerSecond + " requests per second; retry after a second"), request);
  }

  /** Trino's event listener sent no event token ({@code missing}) or a wrong one ({@code invalid}). */
  void eventTokenRefused(HttpServletRequest request, HttpServletResponse response, String rule) throws IOException {
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"" + TrinoEventTokenFilter.HEADER + "\"");
    write(response, new ApiProblem(HttpStatus.UNAUTHORIZED, "eventToken", rule,
        "missing".equals(rule) ? "Event token required" : "Wrong event token",
        "Send the secret of hub.trino.event-token in header " + TrinoEventTokenFilter.HEADER), request);
  }

  /** A query event over hub.trino.event-max-bytes. */
  void bodyTooLarge(HttpServletRequest request, HttpServletResponse response, long maxBytes) throws IOException {
    write(response, new ApiProblem(HttpStatus.BAD_REQUEST, "body", "too-large", "Request body too large",
        "A query event may have at most " + maxBytes + " bytes (hub.trino.event-max-bytes)"), request);
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    write(response, new ApiProblem(HttpStatus.FORBIDDEN, "request", "forbidden", "Forbidden",
        "The client may not call this endpoint"), request);
  }

  /** The firewall refused the request line itself (encoded slashes, "..", control characters). */
  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
      throws IOException {
    write(response, new ApiProblem(HttpStatus.BAD_REQUEST, "path", "rejected", "Request rejected",
        "The request path contains characters or sequences the hub does not accept"), null);
  }

  private void write(HttpServletResponse response, ApiProblem problem, HttpServletRequest request) throws IOException {
    response.setStatus(problem.status().value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    json.writeValue(response.getOutputStream(), problem.toProblemDetail(request == null ? null : request.getRequestURI()));
  }
}
