package org.cdhub.kernel;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Map;

/**
 * Unified social credit code (统一社会信用代码, GB 32100-2015): registration authority (1
 * char), organization type (1), region code (6 digits), organization code (9) and a check
 * character (1), all from the 31-character alphabet 0-9 A-H J-N P-R T-U W-Y (no I, O, Z, S, V).
 */
public final class CreditCode {

  public static final String RULE_EMPTY = "CREDIT-EMPTY";
  public static final String RULE_LENGTH = "CREDIT-LENGTH";
  public static final String RULE_CHARSET = "CREDIT-CHARSET";
  public static final String RULE_AUTHORITY = "CREDIT-AUTHORITY";
  public static final String RULE_REGION = "CREDIT-REGION";
  public static final String RULE_CHECKSUM = "CREDIT-CHECKSUM";

  static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

  /**
   * Registration authority code -> organization type codes it may issue (GB 32100 table 1):
   * 1 机构编制, 2 外交, 3 司法行政, 4 文化, 5 民政, 6 旅游, 7 宗教, 8 工会, 9 工商 (1 企业,
   * 2 个体工商户, 3 农民专业合作社), A 中央军委改革和编制办公室, N 农业, Y 其他.
   */
  private static final Map<Character, String> ORGANIZATION_TYPES = Map.ofEntries(
      Map.entry('1', "1239"),
      Map.entry('2', "19"),
      Map.entry('3', "123459"),
      Map.entry('4', "19"),
      Map.entry('5', "1239"),
      Map.entry('6', "129"),
      Map.entry('7', "129"),
      Map.entry('8', "19"),
      Map.entry('9', "123"),
      Map.entry('A', "19"),
      Map.entry('N', "1239"),
      Map.entry('Y', "1"));

  private final String value;

  private CreditCode(String value) {
    this.value = value;
  }

  /**
   * Checks and standardizes a raw code (trims, folds full width, removes spaces, upper-cases).
   * Rules: CREDIT-EMPTY, CREDIT-LENGTH, CREDIT-CHARSET, CREDIT-AUTHORITY (registration
   * authority and organization type pair), CREDIT-REGION (6 digits, first 1-8), CREDIT-CHECKSUM.
   */
  public static Checked<CreditCode> check(String raw) {
    if (raw == null || raw.isBlank()) {
      return Checked.rejected(RULE_EMPTY, "credit code is empty");
    }
    String code = HalfWidth.compact(raw).toUpperCase(Locale.ROOT);
    if (code.isEmpty()) {
      return Checked.rejected(RULE_EMPTY, "credit code is empty");
    }
    String shown = masked(code);
    if (code.length() != 18) {
      return Checked.rejected(
          RULE_LENGTH, "credit code has " + code.length() + " characters, expected 18 (value " + shown + ")");
    }
    for (int i = 0; i < 18; i++) {
      if (ALPHABET.indexOf(code.charAt(i)) < 0) {
        return Checked.rejected(
            RULE_CHARSET,
            "character " + (i + 1) + " is not in 0-9 A-H J-N P-R T-U W-Y (value " + shown + ")");
      }
    }
    String types = ORGANIZATION_TYPES.get(code.charAt(0));
    if (types == null || types.indexOf(code.charAt(1)) < 0) {
      return Checked.rejected(
          RULE_AUTHORITY,
          "registration authority " + code.charAt(0) + " with organization type " + code.charAt(1)
              + " is not defined by GB 32100 (value " + shown + ")");
    }
    String region = code.substring(2, 8);
    if (!CitizenIdNumber.allDigits(region) || region.charAt(0) < '1' || region.charAt(0) > '8') {
      return Checked.rejected(
          RULE_REGION, "region code must be 6 digits starting with 1-8 (value " + shown + ")");
    }
    char expected = checkCharacter(code.substring(0, 17));
    if (code.charAt(17) != expected) {
      return Checked.rejected(
          RULE_CHECKSUM, "check character should be " + expected + " (value " + shown + ")");
    }
    return Checked.ok(new CreditCode(code));
  }

  /** A valid code, or an {@link IllegalArgumentException} naming the rule. */
  public static CreditCode parse(String raw) {
    Checked<CreditCode> checked = check(raw);
    if (!checked.valid()) {
      throw new IllegalArgumentException(
          "Cannot parse credit code: rule " + checked.rule() + " failed: " + checked.reason());
    }
    return checked.value();
  }

  /**
   * GB 32100 check character of the first 17 characters: 31 - (weighted sum mod 31), where
   * 31 maps to '0', looked up in the code alphabet.
   */
  public static char checkCharacter(String first17) {
    requireNonNull(first17, "first17 is null");
    if (first17.length() != 17) {
      throw new IllegalArgumentException(
          "Cannot compute credit code check character: need exactly 17 characters, got " + first17.length());
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      int v = ALPHABET.indexOf(first17.charAt(i));
      if (v < 0) {
        throw new IllegalArgumentException(
            "Cannot compute credit code check character: character " + (i + 1)
                + " is not in 0-9 A-H J-N P-R T-U W-Y (value " + first17 + ")");
      }
      sum += v * WEIGHTS[i];
    }
    int check = 31 - sum % 31;
    return ALPHABET.charAt(check == 31 ? 0 : check);
  }

  /** The 18-character code, upper case. */
  public String value() {
    return value;
  }

  /** Registration authority code (1 = 机构编制, 5 = 民政, 9 = 工商, ...). */
  public char registrationAuthority() {
    return value.charAt(0);
  }

  /** Organization type code within the registration authority (for 9: 1 企业, 2 个体工商户, ...). */
  public char organizationType() {
    return value.charAt(1);
  }

  /** The 6-digit administrative region code of the registering authority. */
  public String regionCode() {
    return value.substring(2, 8);
  }

  /**
   * Authority, type and region, then the last 4 visible ({@code 91640100******0Y43}): an
   * individual business (个体工商户) is a person, so the organization code part is hidden.
   */
  public String masked() {
    return masked(value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CreditCode other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }

  /** First 8 (authority, type, region) and last 4 visible when 18 long; otherwise last 4 at most. */
  static String masked(String code) {
    if (code.length() == 18) {
      return code.substring(0, 8) + "******" + code.substring(14);
    }
    return Masking.idNumber(code);
  }
}
