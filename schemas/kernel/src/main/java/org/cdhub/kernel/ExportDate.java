package org.cdhub.kernel;

import java.text.ParsePosition;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as real exports write them. Without patterns: {@code yyyyMMdd}, {@code yyyy-MM-dd},
 * {@code yyyy/M/d}, {@code yyyy.M.d}, {@code yyyy年M月d日} (or 号), Excel serial day numbers
 * (1900 date system), each optionally followed by a time part, which is ignored. Two-digit
 * years are rejected as ambiguous. Rules: DATE-EMPTY, DATE-FORMAT (unparseable), DATE-INVALID
 * (no such calendar day, e.g. 2023-02-30).
 */
public final class ExportDate {

  public static final String RULE_EMPTY = "DATE-EMPTY";
  public static final String RULE_FORMAT = "DATE-FORMAT";
  public static final String RULE_INVALID = "DATE-INVALID";

  /** Pattern name for Excel serial day numbers in a contract's pattern list. */
  public static final String EXCEL_SERIAL = "excel";

  /** A time after the date: " 10:30", "T10:30:00.000+08:00", " 10时30分". */
  private static final String TIME_PART =
      "(?:[T\\s]+\\d{1,2}(?::\\d{2}){1,2}(?:[.,]\\d{1,9})?\\s*(?:Z|[+-]\\d{2}:?\\d{2})?"
          + "|\\s*\\d{1,2}[时点:]\\d{1,2}分?(?:\\d{1,2}秒)?)";
  private static final String TIME = "(?:" + TIME_PART + ")?";
  private static final Pattern COMPACT =
      Pattern.compile("(\\d{4})(\\d{2})(\\d{2})(?:\\d{4}(?:\\d{2})?|" + TIME_PART + ")?");
  private static final Pattern SEPARATED = Pattern.compile("(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})" + TIME);
  private static final Pattern CHINESE = Pattern.compile("(\\d{4})年(\\d{1,2})月(\\d{1,2})[日号]?" + TIME);
  private static final Pattern SERIAL = Pattern.compile("(\\d{3,5})(?:\\.\\d+)?");
  private static final Pattern TWO_DIGIT_YEAR = Pattern.compile(
      "\\d{2}[-/.年]\\d{1,2}[-/.月]\\d{1,2}(?!\\d).*|\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{2}(?:\\D.*)?|\\d{6}");
  private static final Pattern DAY_FIRST = Pattern.compile("\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{4}.*");

  /** Excel's day 0 for serials after its fictitious 1900-02-29 (serial 60). */
  private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);

  private static final ConcurrentHashMap<String, DateTimeFormatter> FORMATTERS = new ConcurrentHashMap<>();

  private ExportDate() {}

  /** Checks {@code raw} against the built-in export formats. */
  public static Checked<LocalDate> check(String raw) {
    if (raw == null || raw.isBlank()) {
      return Checked.rejected(RULE_EMPTY, "date is empty");
    }
    String text = HalfWidth.of(raw).strip();
    Matcher m = COMPACT.matcher(text);
    if (m.matches()) {
      return date(text, m.group(1), m.group(2), m.group(3));
    }
    m = SEPARATED.matcher(text);
    if (m.matches()) {
      return date(text, m.group(1), m.group(3), m.group(4));
    }
    m = CHINESE.matcher(text);
    if (m.matches()) {
      return date(text, m.group(1), m.group(2), m.group(3));
    }
    if (TWO_DIGIT_YEAR.matcher(text).matches()) {
      return Checked.rejected(RULE_FORMAT, "two-digit year is ambiguous: '" + text + "'");
    }
    if (DAY_FIRST.matcher(text).matches()) {
      return Checked.rejected(RULE_FORMAT, "day-first or month-first order is ambiguous: '" + text + "'");
    }
    m = SERIAL.matcher(text);
    if (m.matches()) {
      return excelSerial(text, m.group(1));
    }
    return Checked.rejected(RULE_FORMAT, "not a recognised date format: '" + text + "'");
  }

  /**
   * Checks {@code raw} against the '|'-separated patterns of a source contract (Java
   * {@link DateTimeFormatter} syntax, resolved strictly, or {@value #EXCEL_SERIAL} for Excel
   * serial days). Trailing time text after a date-only pattern is ignored; a time in the
   * pattern is parsed and dropped. Null or blank patterns mean the built-in formats.
   *
   * @throws IllegalArgumentException if a pattern is malformed or has a two-digit year
   */
  public static Checked<LocalDate> check(String raw, String patternsPipeSeparated) {
    if (patternsPipeSeparated == null || patternsPipeSeparated.isBlank()) {
      return check(raw);
    }
    List<String> patterns = new ArrayList<>();
    for (String p : patternsPipeSeparated.split("\\|")) {
      if (!p.isBlank()) {
        patterns.add(p.strip());
      }
    }
    if (raw == null || raw.isBlank()) {
      return Checked.rejected(RULE_EMPTY, "date is empty");
    }
    String text = HalfWidth.of(raw).strip();
    Checked<LocalDate> invalid = null;
    for (String pattern : patterns) {
      Checked<LocalDate> result;
      if (pattern.equalsIgnoreCase(EXCEL_SERIAL)) {
        Matcher m = SERIAL.matcher(text);
        result = m.matches() ? excelSerial(text, m.group(1)) : null;
      } else {
        result = withPattern(text, pattern, formatter(pattern));
      }
      if (result != null && result.valid()) {
        return result;
      }
      if (result != null && invalid == null) {
        invalid = result;
      }
    }
    if (invalid != null) {
      return invalid;
    }
    return Checked.rejected(RULE_FORMAT, "'" + text + "' matches none of the patterns " + String.join(" | ", patterns));
  }

  private static Checked<LocalDate> withPattern(String text, String pattern, DateTimeFormatter formatter) {
    ParsePosition position = new ParsePosition(0);
    TemporalAccessor unresolved = formatter.parseUnresolved(text, position);
    if (unresolved == null || position.getErrorIndex() >= 0) {
      return null;
    }
    String rest = text.substring(position.getIndex());
    if (!rest.isEmpty() && !rest.matches(TIME)) {
      return null;
    }
    try {
      return Checked.ok(LocalDate.from(formatter.parse(text.substring(0, position.getIndex()))));
    } catch (DateTimeException e) {
      return Checked.rejected(RULE_INVALID, "'" + text + "' is not a calendar date (pattern " + pattern + ")");
    }
  }

  private static DateTimeFormatter formatter(String pattern) {
    return FORMATTERS.computeIfAbsent(pattern, ExportDate::compile);
  }

  private static DateTimeFormatter compile(String pattern) {
    StringBuilder strict = new StringBuilder();
    boolean quoted = false;
    int yearLetters = 0;
    int longestYear = 0;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      }
      boolean year = !quoted && (c == 'y' || c == 'u');
      yearLetters = year ? yearLetters + 1 : 0;
      longestYear = Math.max(longestYear, yearLetters);
      // Strict resolution needs proleptic years ('u'); 'y' is year-of-era.
      strict.append(year ? 'u' : c);
    }
    if (longestYear == 0 || longestYear == 2) {
      throw new IllegalArgumentException(
          "Cannot use date pattern '" + pattern + "': it needs a four-digit year (yyyy)");
    }
    try {
      return DateTimeFormatter.ofPattern(strict.toString(), Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Cannot use date pattern '" + pattern + "': " + e.getMessage(), e);
    }
  }

  private static Checked<LocalDate> date(String text, String year, String month, String day) {
    try {
      return Checked.ok(LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day)));
    } catch (DateTimeException e) {
      return Checked.rejected(RULE_INVALID, "'" + text + "' is not a calendar date");
    }
  }

  private static Checked<LocalDate> excelSerial(String text, String integerPart) {
    int serial = Integer.parseInt(integerPart);
    if (serial >= 1800 && serial <= 2200) {
      return Checked.rejected(RULE_FORMAT, "'" + text + "' looks like a bare year, not a date");
    }
    if (serial == 60) {
      return Checked.rejected(RULE_INVALID, "Excel serial 60 is the non-existent 1900-02-29");
    }
    // Excel counts 1900-02-29, which never existed: serials before it are one day off.
    return Checked.ok(serial < 60 ? EXCEL_EPOCH.plusDays(serial + 1L) : EXCEL_EPOCH.plusDays(serial));
  }
}
