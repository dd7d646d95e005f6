package org.cdhub.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.cdhub.citygen.live.VendorPushReplay;
import org.cdhub.model.contract.SourceContract;

/**
 * A vendor pushing its generated payloads to the flow's HTTP endpoint: a loopback port and a
 * fresh secret for this run only (the flow is given its SHA-256, the vendor the secret), then
 * the generated JSON lines replayed in pushes once the endpoint answers.
 */
final class EmbeddedPushSource implements EmbeddedSource {
  static final String VENDOR = "vendor";
  private static final int LINES_PER_PUSH = 2000;
  private static final long MAX_BODY_BYTES = 8L * 1024 * 1024;
  private static final Duration STARTUP = Duration.ofMinutes(3);

  private final SourceContract contract;
  private final Path payloads;
  private final int port;
  private final String secret;

  EmbeddedPushSource(SourceContract contract, Path payloads) {
    this.contract = contract;
    this.payloads = payloads;
    this.port = freePort();
    this.secret = freshSecret();
  }

  /** A random secret for one run. */
  static String freshSecret() {
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }

  @Override
  public List<String> parameters() {
    return List.of("push.host=127.0.0.1", "push.port=" + port,
        "push.vendor.credentials=" + VENDOR + "=sha256:" + sha256Hex(secret));
  }

  @Override
  public List<String> runnerOptions() {
    // the vendor's pushes come back to back: a pause this long means it is done
    return List.of("--listen-idle-ms", "15000", "--max-triggers", "1000000");
  }

  @Override
  public boolean delivers() {
    return true;
  }

  @Override
  public String deliver(BooleanSupplier flowAlive) throws Exception {
    awaitEndpoint(flowAlive);
    URI endpoint = URI.create("http://127.0.0.1:" + port + "/push/" + contract.feed());
    VendorPushReplay.Report report = new VendorPushReplay(new VendorPushReplay.Options(
        endpoint, VENDOR, secret, LINES_PER_PUSH, MAX_BODY_BYTES, 5, Duration.ofSeconds(1))).replay(payloads);
    return report.line();
  }

  /** The endpoint opens after the engine has unpacked its NARs and started the flow. */
  private void awaitEndpoint(BooleanSupplier flowAlive) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      if (!flowAlive.getAsBoolean()) {
        throw new IOException("The " + contract.feed() + " flow stopped before its push endpoint opened on port " + port);
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
        return;
      } catch (IOException notYet) {
        Thread.sleep(250);
      }
    }
    throw new IOException("The " + contract.feed() + " push endpoint did not open on port " + port + " within " + STARTUP);
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("Cannot find a free loopback port for the push endpoint", e);
    }
  }

  static String sha256Hex(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JDK has no SHA-256", e);
    }
  }
}
