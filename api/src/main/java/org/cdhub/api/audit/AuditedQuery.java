package org.cdhub.api.audit;

import static java.util.Objects.requireNonNull;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;
import org.cdhub.kernel.Masking;

/**
 * The request an access event answers, as the audit log keeps it: method, path and query string,
 * decoded, without any raw ID or phone number. The audit log is append-only, so whatever enters
 * it stays: values are masked on the way in, never later.
 *
 * <ul>
 *   <li>Values of {@link #PLAIN_PARAMETERS} (paging and format controls) are kept; every other parameter
 *       keeps its name and loses its value ({@code name=***}), since a filter could carry an ID
 *       number, a phone or a name.
 *   <li>In the path, in names and in kept values, runs that could be ID or mobile numbers are
 *       masked by {@link Masking#numbersInText}.
 *   <li>Control characters become {@code ?} (no forged lines in an auditor's table), and the text
 *       is cut at {@link #MAX_LENGTH} characters, ending in {@code …}.
 * </ul>
 *
 * @param text the request as written to the audit log, e.g. {@code GET /api/v1/communities/640106001001/persons?limit=50}
 */
public record AuditedQuery(String text) {
  /**
   * Query parameters whose values are kept: they steer paging, file format and which fields are
   * unmasked (field names), or filter lists by key-population tag, age band, place, grid, kind or
   * time, and never hold personal data. The stated purpose is recorded in its own column.
   */
  public static final Set<String> PLAIN_PARAMETERS = Set.of("limit", "cursor", "since", "format", "unmask",
      "tag", "ageBand", "building", "grid", "kind", "from", "until");
  /** Longest text kept; hostile requests can be far longer. */
  public static final int MAX_LENGTH = 2_000;
  static final String DROPPED = "***";

  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

  public AuditedQuery {
    requireNonNull(text, "text is null");
  }

  /**
   * The audited form of a request.
   *
   * @param method HTTP method
   * @param path the request path as received (percent-encoded)
   * @param rawQuery the query string as received, null when there is none
   */
  public static AuditedQuery of(String method, String path, String rawQuery) {
    requireNonNull(method, "method is null");
    requireNonNull(path, "path is null");
    StringBuilder out = new StringBuilder(method).append(' ').append(maskNumbers(decode(path)));
    if (rawQuery != null && !rawQuery.isEmpty()) {
      String separator = "?";
      for (String pair : rawQuery.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        out.append(separator).append(maskNumbers(name));
        if (eq >= 0) {
          out.append('=').append(PLAIN_PARAMETERS.contains(name) ? maskNumbers(decode(pair.substring(eq + 1))) : DROPPED);
        }
        separator = "&";
      }
    }
    String text = CONTROL.matcher(out).replaceAll("?");
    return new AuditedQuery(text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH - 1) + "…" : text);
  }

  @Override
  public String toString() {
    return text;
  }

  private static String maskNumbers(String s) {
    return Masking.numbersInText(s);
  }

  /** Percent-decoded (so an encoded number cannot slip past the masking); malformed escapes stay as sent. */
  private static String decode(String s) {
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s; // not an error to report: the audited text shows what was sent
    }
  }
}
