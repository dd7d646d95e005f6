package org.cdhub.jobs.standardize;

/** Full-width forms of ASCII text, as some exports deliver codes and numbers. */
final class TestPeopleWidth {
  private TestPeopleWidth() {}

  static String fullWidth(String ascii) {
    StringBuilder sb = new StringBuilder();
    for (char c : ascii.toCharArray()) {
      sb.append(c > ' ' && c < 0x7F ? (char) (c - '!' + '！') : c);
    }
    return sb.toString();
  }
}
