package org.cdhub.api.security;

import static java.util.Objects.requireNonNull;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cdhub.api.trino.TrinoConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates Trino's HTTP event listener by the shared secret it sends in
 * {@code X-Hub-Event-Token} ({@code hub.trino.event-token}), compared in constant time; then reads
 * the body, at most {@code hub.trino.event-max-bytes}, before anything parses it. Neither the
 * token nor the body is ever logged. Only on the query events path (its own filter chain), where
 * no API key is looked at.
 */
final class TrinoEventTokenFilter extends OncePerRequestFilter {
  static final String HEADER = "X-Hub-Event-Token";
  /** Who an accepted event is authenticated as. */
  static final String LISTENER = "trino-event-listener";
  private static final Logger LOG = LoggerFactory.getLogger(TrinoEventTokenFilter.class);

  private final byte[] expected;
  private final long maxBytes;
  private final ProblemResponses problems;
  private final AtomicBoolean warnedNotConfigured = new AtomicBoolean();

  /**
   * @param token the secret ({@code hub.trino.event-token}); null to refuse every event
   * @param maxBytes the largest body accepted ({@code hub.trino.event-max-bytes})
   */
  TrinoEventTokenFilter(String token, long maxBytes, ProblemResponses problems) {
    this.expected = token == null ? null : sha256(token);
    this.maxBytes = maxBytes;
    this.problems = requireNonNull(problems, "problems is null");
  }

  /** As configured; without a Trino configuration (a test slice) every event is refused. */
  static TrinoEventTokenFilter of(TrinoConfig trino, ProblemResponses problems) {
    return trino == null
        ? new TrinoEventTokenFilter(null, DataSize.parse(TrinoConfig.DEFAULT_EVENT_MAX_BYTES).toBytes(), problems)
        : new TrinoEventTokenFilter(trino.eventToken(), trino.eventMaxBytes().toBytes(), problems);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String token = request.getHeader(HEADER);
    if (token == null) {
      problems.eventTokenRefused(request, response, "missing");
      return;
    }
    if (expected == null) {
      if (warnedNotConfigured.compareAndSet(false, true)) {
        LOG.warn("Refusing Trino query events: hub.trino.event-token is not set, so no reads on Trino are audited "
            + "(logged once)");
      }
      problems.eventTokenRefused(request, response, "invalid");
      return;
    }
    // hashed first, so the comparison takes as long whatever the length of the token sent
    if (!MessageDigest.isEqual(expected, sha256(token))) {
      LOG.warn("Refused a Trino query event from {}: wrong {}", request.getRemoteAddr(), HEADER);
      problems.eventTokenRefused(request, response, "invalid");
      return;
    }
    if (request.getContentLengthLong() > maxBytes) {
      problems.bodyTooLarge(request, response, maxBytes);
      return;
    }
    byte[] body = readAtMost(request.getInputStream(), maxBytes);
    if (body == null) {
      problems.bodyTooLarge(request, response, maxBytes);
      return;
    }
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(LISTENER, null, List.of()));
    SecurityContextHolder.setContext(context);
    try {
      chain.doFilter(new ReadBody(request, body), response);
    } finally {
      SecurityContextHolder.clearContext();
    }
  }

  /** The whole stream, or null when it holds more than {@code max} bytes. */
  private static byte[] readAtMost(InputStream in, long max) throws IOException {
    byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
    return body.length > max ? null : body;
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot check event tokens: no SHA-256 in this JVM", e);
    }
  }

  /** The request with its body already read (and measured). */
  private static final class ReadBody extends HttpServletRequestWrapper {
    private final byte[] body;

    ReadBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("The body is already read");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
