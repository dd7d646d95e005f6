package org.cdhub.flows.http;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * GETs one page with the JDK's HttpClient: optional bearer token, a connect timeout, a deadline
 * for the whole response (headers and body: the client's own request timeout stops at the
 * headers), a cap on the body's size, no redirects (the token must not follow one elsewhere).
 */
final class PageFetcher implements AutoCloseable {
  /** The response, whatever its status; {@code body} is at most the limit. */
  record Response(int status, byte[] body) {}

  /** No usable response: the message says why, without the token. */
  static final class FetchFailure extends Exception {
    private final byte[] partialBody;

    FetchFailure(String message, byte[] partialBody) {
      super(message);
      this.partialBody = partialBody;
    }

    byte[] partialBody() {
      return partialBody;
    }
  }

  /** How often the wait for a response checks its deadlines. */
  private static final long POLL_MILLIS = 25;

  private final HttpClient client;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final long maxBodyBytes;
  private final String bearerToken;

  PageFetcher(Duration connectTimeout, Duration readTimeout, long maxBodyBytes, String bearerToken) {
    this.connectTimeout = requireNonNull(connectTimeout, "connectTimeout is null");
    this.readTimeout = requireNonNull(readTimeout, "readTimeout is null");
    this.maxBodyBytes = maxBodyBytes;
    this.bearerToken = bearerToken == null || bearerToken.isBlank() ? null : bearerToken.strip();
    this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  Response get(URI url) throws FetchFailure {
    HttpRequest.Builder request = HttpRequest.newBuilder(url).GET().timeout(readTimeout).header("Accept", "application/json");
    if (bearerToken != null) {
      request.header("Authorization", "Bearer " + bearerToken);
    }
    BoundedBody body = new BoundedBody(maxBodyBytes);
    CompletableFuture<HttpResponse<byte[]>> response = client.sendAsync(request.build(), info -> body.declared(info.headers()
        .firstValueAsLong("Content-Length").orElse(-1)));
    long deadline = System.nanoTime() + connectTimeout.plus(readTimeout).toNanos();
    try {
      while (true) {
        try {
          HttpResponse<byte[]> r = response.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
          return new Response(r.statusCode(), r.body());
        } catch (TimeoutException e) {
          long headersAt = body.headersAt();
          long now = System.nanoTime();
          // the whole page within the read timeout of its headers, and never longer than connect + read in all
          if (now >= deadline || (headersAt != 0 && now - headersAt >= readTimeout.toNanos())) {
            response.cancel(true);
            throw new FetchFailure("no complete response within " + readTimeout.toMillis() + " ms (read timeout): "
                + body.received() + " body bytes had arrived", body.partial());
          }
        }
      }
    } catch (InterruptedException e) {
      response.cancel(true);
      Thread.currentThread().interrupt();
      throw new FetchFailure("interrupted while waiting for the response", body.partial());
    } catch (ExecutionException e) {
      throw new FetchFailure(describe(e.getCause(), body), body.partial());
    }
  }

  /** The most telling cause in the chain: size, timeouts, refused connection, then any I/O error. */
  private String describe(Throwable cause, BoundedBody body) {
    List<Throwable> chain = new java.util.ArrayList<>();
    for (Throwable t = cause; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    for (Throwable t : chain) {
      if (t instanceof BodyTooLarge) {
        return t.getMessage();
      }
    }
    for (Throwable t : chain) {
      if (t instanceof HttpConnectTimeoutException) {
        return "cannot connect within " + connectTimeout.toMillis() + " ms (connect timeout)";
      }
      if (t instanceof HttpTimeoutException) {
        return "no response within " + readTimeout.toMillis() + " ms (read timeout)";
      }
      if (t instanceof ConnectException) {
        return "cannot connect" + (t.getMessage() == null ? " (connection refused)" : ": " + t.getMessage());
      }
    }
    for (Throwable t : chain) {
      if (t instanceof IOException) {
        return "the connection broke after " + body.received() + " body bytes (incomplete response): " + t;
      }
    }
    return "request failed: " + cause;
  }

  @Override
  public void close() {
    client.shutdownNow();
  }

  /** A body larger than the limit, by its Content-Length or by what arrived. */
  static final class BodyTooLarge extends IOException {
    BodyTooLarge(String message) {
      super(message);
    }
  }

  /** Collects the body up to the limit and gives up (cancelling the exchange) beyond it. */
  private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final long limit;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private long declared = -1;
    private volatile long headersAt;
    private Flow.Subscription subscription;

    BoundedBody(long limit) {
      this.limit = limit;
    }

    BoundedBody declared(long contentLength) {
      this.declared = contentLength;
      this.headersAt = System.nanoTime();
      return this;
    }

    /** System.nanoTime() when the headers arrived, 0 before. */
    long headersAt() {
      return headersAt;
    }

    synchronized long received() {
      return bytes.size();
    }

    synchronized byte[] partial() {
      return bytes.toByteArray();
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (declared > limit) {
        s.cancel();
        result.completeExceptionally(new BodyTooLarge("the body is " + declared + " bytes (Content-Length), over the limit of "
            + limit + " bytes (Max Page Size)"));
        return;
      }
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      synchronized (this) {
        if (result.isDone()) {
          return;
        }
        for (ByteBuffer b : buffers) {
          byte[] chunk = new byte[b.remaining()];
          b.get(chunk);
          if (bytes.size() + (long) chunk.length > limit) {
            subscription.cancel();
            result.completeExceptionally(new BodyTooLarge("the body exceeded the limit of " + limit + " bytes (Max Page Size)"));
            return;
          }
          bytes.write(chunk, 0, chunk.length);
        }
      }
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(partial());
    }
  }
}
