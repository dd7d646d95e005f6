package org.cdhub.kernel;

/**
 * Mainland mobile number: 11 digits starting 1[3-9]. {@link #check(String)} strips a +86 /
 * 0086 country prefix, spaces, dashes, dots and brackets first. {@link #toString()} is masked.
 */
public final class MobileNumber {

  public static final String RULE_EMPTY = "PHONE-EMPTY";
  public static final String RULE_CHARSET = "PHONE-CHARSET";
  public static final String RULE_LENGTH = "PHONE-LENGTH";
  public static final String RULE_PREFIX = "PHONE-PREFIX";

  private final String value;

  private MobileNumber(String value) {
    this.value = value;
  }

  /**
   * Rules: PHONE-EMPTY, PHONE-CHARSET (anything but digits after stripping), PHONE-LENGTH (not
   * 11 digits), PHONE-PREFIX (not 1[3-9]..., e.g. a landline such as 09515012345).
   */
  public static Checked<MobileNumber> check(String raw) {
    if (raw == null || raw.isBlank()) {
      return Checked.rejected(RULE_EMPTY, "phone number is empty");
    }
    String digits = strip(raw);
    if (digits.isEmpty()) {
      return Checked.rejected(RULE_EMPTY, "phone number is empty");
    }
    String shown = Masking.phone(digits);
    if (!CitizenIdNumber.allDigits(digits)) {
      return Checked.rejected(RULE_CHARSET, "phone number must be digits only (value " + shown + ")");
    }
    if (digits.length() != 11) {
      return Checked.rejected(
          RULE_LENGTH, "mobile number has " + digits.length() + " digits, expected 11 (value " + shown + ")");
    }
    if (digits.charAt(0) != '1' || digits.charAt(1) < '3') {
      return Checked.rejected(
          RULE_PREFIX, "mobile number must start with 13-19 (landline?) (value " + shown + ")");
    }
    return Checked.ok(new MobileNumber(digits));
  }

  /** The 11 digits. */
  public String value() {
    return value;
  }

  /** {@code 138****5678}. */
  public String masked() {
    return Masking.phone(value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MobileNumber other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return masked();
  }

  /** Half width; separators removed; a +86 / 0086 / (86) country prefix dropped. */
  static String strip(String raw) {
    String s = HalfWidth.compact(raw);
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '-' && c != '.' && c != '(' && c != ')' && c != '\u2010' && c != '\u2013' && c != '\u2014') {
        out.append(c);
      }
    }
    String t = out.toString();
    if (t.startsWith("+86")) {
      return t.substring(3);
    }
    if (t.startsWith("0086")) {
      return t.substring(4);
    }
    // "86" followed by a full mobile number (the '+' was lost, or written as "(86)").
    if (t.length() == 13 && t.startsWith("861")) {
      return t.substring(2);
    }
    return t;
  }
}
