package org.cdhub.kernel;

import static java.util.Objects.requireNonNull;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Citizen ID number (居民身份证号码, GB 11643-1999): 6-digit region code, 8-digit birth date,
 * 3-digit sequence (odd = male) and an ISO 7064 MOD 11-2 check character. Always the
 * 18-character form; legacy 15-digit numbers are upgraded by {@link #check(String)}.
 *
 * <p>{@link #toString()} is masked so that the number never leaks into logs.
 */
public final class CitizenIdNumber {

  /** Note added when a 15-digit legacy number was upgraded to 18 characters. */
  public static final String NOTE_UPGRADED_FROM_15 = "ID_UPGRADED_FROM_15";

  public static final String RULE_EMPTY = "ID-EMPTY";
  public static final String RULE_LENGTH = "ID-LENGTH";
  public static final String RULE_CHARSET = "ID-CHARSET";
  public static final String RULE_BIRTHDATE = "ID-BIRTHDATE";
  public static final String RULE_REGION = "ID-REGION";
  public static final String RULE_CHECKSUM = "ID-CHECKSUM";

  /** Birth dates are judged against the date in China, whatever the JVM's zone. */
  static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final char[] CHECK_CHARACTERS = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
  private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);

  private final String value;

  private CitizenIdNumber(String value) {
    this.value = value;
  }

  /**
   * Checks and standardizes a raw ID number: trims, folds full-width characters, removes
   * spaces, upper-cases x, and upgrades 15-digit numbers (note {@value #NOTE_UPGRADED_FROM_15}).
   * Rules: ID-EMPTY, ID-LENGTH, ID-CHARSET, ID-REGION (first digit 1-8), ID-BIRTHDATE (a real
   * date, not before 1900, not in the future), ID-CHECKSUM.
   */
  public static Checked<CitizenIdNumber> check(String raw) {
    return check(raw, LocalDate.now(CHINA));
  }

  /** As {@link #check(String)}, judging future birth dates against {@code today}. */
  static Checked<CitizenIdNumber> check(String raw, LocalDate today) {
    requireNonNull(today, "today is null");
    if (raw == null || raw.isBlank()) {
      return Checked.rejected(RULE_EMPTY, "ID number is empty");
    }
    String id = HalfWidth.compact(raw).replace('x', 'X');
    if (id.isEmpty()) {
      return Checked.rejected(RULE_EMPTY, "ID number is empty");
    }
    String masked = Masking.idNumber(id);
    if (id.length() != 18 && id.length() != 15) {
      return Checked.rejected(
          RULE_LENGTH, "ID number has " + id.length() + " characters, expected 18 (or legacy 15) (value " + masked + ")");
    }
    boolean legacy = id.length() == 15;
    if (!hasValidCharacters(id, legacy)) {
      return Checked.rejected(
          RULE_CHARSET,
          (legacy ? "15-digit ID number must be all digits" : "ID number must be 17 digits and a digit or X")
              + " (value " + masked + ")");
    }
    char province = id.charAt(0);
    if (province < '1' || province > '8') {
      return Checked.rejected(
          RULE_REGION, "region code must start with 1-8, found " + province + " (value " + masked + ")");
    }
    String full = legacy ? upgrade15(id) : id;
    LocalDate birth;
    try {
      birth = LocalDate.of(
          Integer.parseInt(full.substring(6, 10)),
          Integer.parseInt(full.substring(10, 12)),
          Integer.parseInt(full.substring(12, 14)));
    } catch (DateTimeException e) {
      return Checked.rejected(RULE_BIRTHDATE, "birth date is not a calendar date (value " + masked + ")");
    }
    if (birth.isBefore(EARLIEST_BIRTH)) {
      return Checked.rejected(RULE_BIRTHDATE, "birth date is before 1900 (value " + masked + ")");
    }
    if (birth.isAfter(today)) {
      return Checked.rejected(RULE_BIRTHDATE, "birth date is in the future (value " + masked + ")");
    }
    if (legacy) {
      return Checked.ok(new CitizenIdNumber(full), NOTE_UPGRADED_FROM_15);
    }
    char expected = checkCharacter(full.substring(0, 17));
    if (full.charAt(17) != expected) {
      return Checked.rejected(
          RULE_CHECKSUM, "check character should be " + expected + " (value " + masked + ")");
    }
    return Checked.ok(new CitizenIdNumber(full));
  }

  /** A valid ID number, or an {@link IllegalArgumentException} naming the rule (number masked). */
  public static CitizenIdNumber parse(String raw) {
    Checked<CitizenIdNumber> checked = check(raw);
    if (!checked.valid()) {
      throw new IllegalArgumentException(
          "Cannot parse citizen ID number: rule " + checked.rule() + " failed: " + checked.reason());
    }
    return checked.value();
  }

  /** ISO 7064 MOD 11-2 check character of the first 17 digits. */
  public static char checkCharacter(String first17) {
    requireNonNull(first17, "first17 is null");
    if (first17.length() != 17 || !allDigits(first17)) {
      throw new IllegalArgumentException(
          "Cannot compute ID check character: need exactly 17 digits (value " + Masking.idNumber(first17) + ")");
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * WEIGHTS[i];
    }
    return CHECK_CHARACTERS[sum % 11];
  }

  /**
   * Upgrades a 15-digit legacy number (2-digit year, no check character) to 18 characters:
   * inserts "19" before the year and appends the check character.
   */
  public static String upgrade15(String id15) {
    requireNonNull(id15, "id15 is null");
    if (id15.length() != 15 || !allDigits(id15)) {
      throw new IllegalArgumentException(
          "Cannot upgrade ID number: need exactly 15 digits (value " + Masking.idNumber(id15) + ")");
    }
    String first17 = id15.substring(0, 6) + "19" + id15.substring(6);
    return first17 + checkCharacter(first17);
  }

  /** The 18-character number (upper-case X). */
  public String value() {
    return value;
  }

  /** The 6-digit administrative region code of the issuing place (GB/T 2260). */
  public String regionCode() {
    return value.substring(0, 6);
  }

  public LocalDate birthDate() {
    return LocalDate.of(
        Integer.parseInt(value.substring(6, 10)),
        Integer.parseInt(value.substring(10, 12)),
        Integer.parseInt(value.substring(12, 14)));
  }

  /** From the sequence digit: odd is male, even is female. */
  public Sex sex() {
    return (value.charAt(16) - '0') % 2 == 1 ? Sex.MALE : Sex.FEMALE;
  }

  /** Only the last 4 characters visible: {@code **************1234}. */
  public String masked() {
    return Masking.idNumber(value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CitizenIdNumber other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  /** Masked, so that logging an ID number never reveals it. */
  @Override
  public String toString() {
    return masked();
  }

  private static boolean hasValidCharacters(String id, boolean legacy) {
    if (legacy) {
      return allDigits(id);
    }
    char last = id.charAt(17);
    return allDigits(id.substring(0, 17)) && (last >= '0' && last <= '9' || last == 'X');
  }

  static boolean allDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
