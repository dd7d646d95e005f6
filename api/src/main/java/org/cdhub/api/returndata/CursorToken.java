package org.cdhub.api.returndata;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.BiFunction;

/**
 * The framing the API's cursors share: a version, a 12-digit community code and further fields
 * joined by {@code |}, sent as URL-safe Base64 without padding. The last field may itself hold
 * {@code |} (a master id), so it cannot shift the others.
 */
public final class CursorToken {
  private static final String SEPARATOR = "|";

  private CursorToken() {}

  public static String encode(String... fields) {
    String plain = String.join(SEPARATOR, fields);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The {@code fields} fields of a token (version and community code included), checked for
   * framing, version and community code.
   *
   * @param malformed builds the cursor's own error from a reason and a cause (may be null)
   */
  public static String[] decode(String token, String version, int fields,
      BiFunction<String, Throwable, InvalidCursorException> malformed) {
    String plain;
    try {
      plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw malformed.apply("it is not URL-safe Base64", e);
    }
    String[] parts = plain.split("\\|", fields);
    if (parts.length != fields || !version.equals(parts[0])) {
      throw malformed.apply("it was not issued by this API", null);
    }
    if (!parts[1].matches("[0-9]{12}")) {
      throw malformed.apply("its community code is not 12 digits", null);
    }
    return parts;
  }
}
