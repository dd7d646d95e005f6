package org.cdhub.jobs.standardize;

import java.text.Normalizer;
import java.text.ParsePosition;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import org.cdhub.kernel.Checked;
import org.cdhub.model.contract.FieldFormat;

/**
 * Timestamps as feeds deliver them, to an {@link Instant}: local date-times by the contract's
 * '|'-separated patterns (read in {@link #LOCAL_ZONE}, Beijing time, unless the pattern carries
 * an offset), or epoch milliseconds for INTEGER fields. The kernel's ExportDate handles dates
 * only, hence this class. Rules: TIMESTAMP-EMPTY, TIMESTAMP-FORMAT, TIMESTAMP-INVALID (no such
 * date or time), TIMESTAMP-RANGE (before 2000 or after 2100: a unit or epoch mix-up).
 */
final class ExportTimestamp {
  static final String RULE_EMPTY = "TIMESTAMP-EMPTY";
  static final String RULE_FORMAT = "TIMESTAMP-FORMAT";
  static final String RULE_INVALID = "TIMESTAMP-INVALID";
  static final String RULE_RANGE = "TIMESTAMP-RANGE";
  /** Every feed is a city agency or vendor in China: local times are Beijing time. */
  static final ZoneId LOCAL_ZONE = ZoneId.of("Asia/Shanghai");
  private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");
  private static final String DEFAULT_PATTERNS = "yyyy-MM-dd HH:mm:ss|yyyy-MM-dd'T'HH:mm:ss[.SSS]XXX|yyyy-MM-dd'T'HH:mm:ss";

  private final boolean epochMillis;
  private final List<String> patterns = new ArrayList<>();
  private final List<DateTimeFormatter> formatters = new ArrayList<>();
  /** Per pattern: whether it carries an offset; parsing local patterns directly avoids parseBest's failed first try. */
  private final List<Boolean> withOffset = new ArrayList<>();

  /**
   * @throws IllegalArgumentException if a pattern is malformed (a contract error)
   */
  ExportTimestamp(FieldFormat format, String patternsPipeSeparated) {
    this.epochMillis = format == FieldFormat.INTEGER;
    String all = patternsPipeSeparated == null || patternsPipeSeparated.isBlank() ? DEFAULT_PATTERNS : patternsPipeSeparated;
    for (String p : all.split("\\|")) {
      if (!p.isBlank()) {
        patterns.add(p.strip());
        // strict resolution rejects 02-30; 'u' (proleptic year) because strict 'y' needs an era
        formatters.add(DateTimeFormatter.ofPattern(yearOfEraToYear(p.strip())).withResolverStyle(ResolverStyle.STRICT));
        withOffset.add(hasOffset(p.strip()));
      }
    }
  }

  Checked<Instant> check(String raw) {
    if (raw == null || raw.isBlank()) {
      return Checked.rejected(RULE_EMPTY, "timestamp is empty");
    }
    String text = Normalizer.normalize(raw, Normalizer.Form.NFKC).strip();
    return epochMillis ? epochMillis(text) : local(text);
  }

  private Checked<Instant> epochMillis(String text) {
    if (text.isEmpty() || text.length() > 13 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Checked.rejected(RULE_FORMAT, "timestamp is not epoch milliseconds (up to 13 digits)");
    }
    return inRange(Instant.ofEpochMilli(Long.parseLong(text)));
  }

  private Checked<Instant> local(String text) {
    boolean invalid = false;
    for (int i = 0; i < formatters.size(); i++) {
      DateTimeFormatter f = formatters.get(i);
      try {
        Instant instant;
        if (withOffset.get(i)) {
          TemporalAccessor t = f.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
          instant = t instanceof OffsetDateTime o ? o.toInstant() : ((LocalDateTime) t).atZone(LOCAL_ZONE).toInstant();
        } else {
          instant = LocalDateTime.parse(text, f).atZone(LOCAL_ZONE).toInstant();
        }
        return inRange(instant);
      } catch (DateTimeParseException e) {
        ParsePosition position = new ParsePosition(0);
        invalid |= f.parseUnresolved(text, position) != null && position.getErrorIndex() < 0 && position.getIndex() == text.length();
      } catch (DateTimeException e) {
        invalid = true;
      }
    }
    return invalid
        ? Checked.rejected(RULE_INVALID, "timestamp names no real date and time (patterns " + String.join(" | ", patterns) + ")")
        : Checked.rejected(RULE_FORMAT, "timestamp matches none of the patterns " + String.join(" | ", patterns));
  }

  private static Checked<Instant> inRange(Instant instant) {
    if (instant.isBefore(EARLIEST) || !instant.isBefore(LATEST)) {
      return Checked.rejected(RULE_RANGE, "timestamp " + instant + " is outside 2000-2100");
    }
    return Checked.ok(instant);
  }

  /** Whether a pattern has an offset or zone letter outside quoted text. */
  private static boolean hasOffset(String pattern) {
    boolean quoted = false;
    for (char c : pattern.toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted && "XxOZVz".indexOf(c) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** Pattern letter y to u outside quoted text. */
  private static String yearOfEraToYear(String pattern) {
    StringBuilder sb = new StringBuilder(pattern.length());
    boolean quoted = false;
    for (char c : pattern.toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
      }
      sb.append(!quoted && c == 'y' ? 'u' : c);
    }
    return sb.toString();
  }
}
