package org.cdhub.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The size limit of query events when the sender gives no length (a chunked body), and a body that fits. */
class TrinoEventTokenFilterTest {
  static final String TOKEN = "trino-events-secret-0123456789abcdef";
  final TrinoEventTokenFilter filter = new TrinoEventTokenFilter(TOKEN, 100, new ProblemResponses(new ObjectMapper()));

  @Test
  void aBodyWithoutALengthIsCutOffOneByteOverTheLimit() throws Exception {
    AtomicReference<HttpServletRequest> passed = new AtomicReference<>();
    MockHttpServletResponse response = new MockHttpServletResponse();

    filter.doFilter(unsized("x".repeat(101)), response, (req, res) -> passed.set((HttpServletRequest) req));

    assertThat(passed.get()).isNull();
    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(response.getContentAsString()).contains("\"code\":\"body.too-large\"");
  }

  @Test
  void aBodyThatFitsIsPassedOnWhole() throws Exception {
    AtomicReference<String> body = new AtomicReference<>();
    MockHttpServletResponse response = new MockHttpServletResponse();

    filter.doFilter(unsized("y".repeat(100)), response, (req, res) ->
        body.set(new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8)));

    assertThat(body.get()).isEqualTo("y".repeat(100));
    assertThat(response.getStatus()).isEqualTo(200);
  }

  @Test
  void withoutAConfiguredTokenEveryEventIsRefused() throws Exception {
    TrinoEventTokenFilter unconfigured = TrinoEventTokenFilter.of(null, new ProblemResponses(new ObjectMapper()));
    MockHttpServletResponse response = new MockHttpServletResponse();
    AtomicReference<HttpServletRequest> passed = new AtomicReference<>();

    unconfigured.doFilter(unsized("{}"), response, (req, res) -> passed.set((HttpServletRequest) req));

    assertThat(passed.get()).isNull();
    assertThat(response.getStatus()).isEqualTo(401);
    assertThat(response.getContentAsString()).contains("\"code\":\"eventToken.invalid\"");
  }

  /** A request with the right token whose length is not announced. */
  private static HttpServletRequest unsized(String body) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/internal/trino/query-events");
    request.addHeader(TrinoEventTokenFilter.HEADER, TOKEN);
    request.setContent(body.getBytes(StandardCharsets.UTF_8));
    return new HttpServletRequestWrapper(request) {
      @Override
      public int getContentLength() {
        return -1;
      }

      @Override
      public long getContentLengthLong() {
        return -1;
      }
    };
  }
}
