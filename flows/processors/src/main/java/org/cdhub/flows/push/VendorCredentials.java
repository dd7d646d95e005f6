package org.cdhub.flows.push;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The vendors allowed to push to one endpoint, each with its own secret. Only the SHA-256 of each
 * secret is held, so the configuration reveals no secret; a push is checked by hashing the secret
 * it presents (HTTP Basic: user = vendor id, password = secret) and comparing the two digests in
 * constant time, whether or not the vendor is known, so timing tells an attacker nothing.
 *
 * <p>Written as entries {@code <vendor>=sha256:<64 hex digits>}, separated by commas, semicolons,
 * spaces or line breaks; {@link #digestOf(String)} makes the right-hand side from a secret.
 */
public final class VendorCredentials {
  static final String DIGEST_PREFIX = "sha256:";
  private static final Pattern VENDOR = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  private static final Pattern ENTRY = Pattern.compile("(" + VENDOR.pattern() + ")=" + DIGEST_PREFIX + "([0-9a-fA-F]{64})");
  private static final Pattern SEPARATORS = Pattern.compile("[,;\\s]+");
  /** Longest Authorization header looked at: a vendor id, a secret and Base64 overhead fit easily. */
  private static final int MAX_HEADER_CHARS = 1024;
  /** Compared against when the vendor is unknown, so an unknown vendor costs the same as a wrong secret. */
  private static final byte[] NO_VENDOR = sha256("no such vendor");

  private final Map<String, byte[]> digests;

  private VendorCredentials(Map<String, byte[]> digests) {
    this.digests = Map.copyOf(digests);
  }

  /** How a push's credentials were judged; {@code vendor} is set only when {@link Outcome#ACCEPTED}. */
  public record Verdict(Outcome outcome, Optional<String> vendor) {
    public Verdict {
      requireNonNull(outcome, "outcome is null");
      requireNonNull(vendor, "vendor is null");
    }

    public boolean accepted() {
      return outcome == Outcome.ACCEPTED;
    }
  }

  /** The reasons, worded for the vendor's operator; none of them echoes what was sent. */
  public enum Outcome {
    ACCEPTED("accepted"),
    MISSING("no credentials: send HTTP Basic authorization with your vendor id and secret"),
    MALFORMED("the Authorization header is not HTTP Basic credentials (Basic base64(vendor:secret))"),
    REFUSED("unknown vendor or wrong secret");

    private final String reason;

    Outcome(String reason) {
      this.reason = reason;
    }

    public String reason() {
      return reason;
    }
  }

  /**
   * Parses the configured entries. A mistake is reported by entry number only: the text is a
   * sensitive value and must not end up in a validation message or a log.
   */
  public static VendorCredentials parse(String text) {
    requireNonNull(text, "credentials text is null");
    Map<String, byte[]> digests = new LinkedHashMap<>();
    int n = 0;
    for (String entry : SEPARATORS.split(text.strip())) {
      if (entry.isEmpty()) {
        continue;
      }
      n++;
      Matcher m = ENTRY.matcher(entry);
      if (!m.matches()) {
        throw new IllegalArgumentException("vendor credential entry " + n + " is not <vendor>=sha256:<64 hex digits>"
            + " (vendor: letters, digits, '_', '.', '-', at most 64)");
      }
      if (digests.put(m.group(1), HexFormat.of().parseHex(m.group(2).toLowerCase())) != null) {
        throw new IllegalArgumentException("vendor credential entry " + n + " repeats vendor " + m.group(1));
      }
    }
    if (digests.isEmpty()) {
      throw new IllegalArgumentException("no vendor credentials: give at least one <vendor>=sha256:<64 hex digits>");
    }
    return new VendorCredentials(digests);
  }

  /** The vendors configured (ids only). */
  public Set<String> vendors() {
    return digests.keySet();
  }

  /** Judges an Authorization header value (null when the request had none). */
  public Verdict authenticate(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      return new Verdict(Outcome.MISSING, Optional.empty());
    }
    Optional<String[]> basic = basicCredentials(authorization.strip());
    if (basic.isEmpty()) {
      return new Verdict(Outcome.MALFORMED, Optional.empty());
    }
    String vendor = basic.get()[0];
    byte[] presented = sha256(basic.get()[1]);
    byte[] expected = digests.getOrDefault(vendor, NO_VENDOR);
    boolean same = MessageDigest.isEqual(presented, expected); // constant time over the digest length
    return same && digests.containsKey(vendor)
        ? new Verdict(Outcome.ACCEPTED, Optional.of(vendor))
        : new Verdict(Outcome.REFUSED, Optional.empty());
  }

  /** {@code sha256:<hex>} of a secret: what an operator puts in the configuration for a vendor. */
  public static String digestOf(String secret) {
    return DIGEST_PREFIX + HexFormat.of().formatHex(sha256(requireNonNull(secret, "secret is null")));
  }

  /** {vendor, secret} from "Basic base64(vendor:secret)", or empty when it is not that. */
  private static Optional<String[]> basicCredentials(String header) {
    if (header.length() > MAX_HEADER_CHARS || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    String decoded;
    try {
      byte[] bytes = Base64.getDecoder().decode(header.substring(6).strip());
      decoded = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (IllegalArgumentException | java.nio.charset.CharacterCodingException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0 || colon == decoded.length() - 1) {
      return Optional.empty();
    }
    return Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JDK has no SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "VendorCredentials" + digests.keySet(); // ids only, never digests
  }
}
