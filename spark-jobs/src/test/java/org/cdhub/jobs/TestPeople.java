package org.cdhub.jobs;

import org.cdhub.kernel.CitizenIdNumber;

/** Generated identity numbers for tests: valid by construction, never real people. */
public final class TestPeople {
  private TestPeople() {}

  /** A valid 18-character ID: region, birth date yyyyMMdd, 3-digit sequence, computed check character. */
  public static String idNumber(String region, String birth, int sequence) {
    String first17 = region + birth + String.format("%03d", sequence);
    return first17 + CitizenIdNumber.checkCharacter(first17);
  }

  /** The same number with a check character that is wrong. */
  public static String withWrongCheckCharacter(String id18) {
    char right = id18.charAt(17);
    char wrong = right == '1' ? '2' : '1';
    return id18.substring(0, 17) + wrong;
  }

  /** A legacy 15-digit number: region, birth date yyMMdd, 3-digit sequence. */
  public static String legacyIdNumber(String region, String birthYyMMdd, int sequence) {
    return region + birthYyMMdd + String.format("%03d", sequence);
  }

  /** Full-width digits, as some exports deliver them. */
  public static String fullWidth(String digits) {
    StringBuilder sb = new StringBuilder();
    for (char c : digits.toCharArray()) {
      sb.append(Character.isDigit(c) ? (char) (c - '0' + '０') : c);
    }
    return sb.toString();
  }
}
