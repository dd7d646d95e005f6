package org.cdhub.jobs.standardize;

import org.cdhub.kernel.CreditCode;

/** Generated credit codes for tests: valid by construction (kernel check character), never real organizations. */
final class TestOrganizations {
  private TestOrganizations() {}

  /** A valid enterprise code (authority 9, type 1) in region 640100 with the given 9-character organization code. */
  static String creditCode(String organizationCode) {
    String first17 = "91640100" + organizationCode;
    return first17 + CreditCode.checkCharacter(first17);
  }

  /** The same code with a wrong check character. */
  static String withWrongCheckCharacter(String code18) {
    char right = code18.charAt(17);
    return code18.substring(0, 17) + (right == '1' ? '2' : '1');
  }
}
