package org.cdhub.citygen;

/** Chinese numerals as people write them in addresses: 三号楼, 十二单元, 五零一室. */
final class Numerals {
  private static final String DIGITS = "零一二三四五六七八九";

  private Numerals() {}

  /** Counting form for 0..99: 3 -> 三, 12 -> 十二, 20 -> 二十, 35 -> 三十五. */
  static String chinese(int n) {
    if (n < 0 || n > 99) {
      throw new IllegalArgumentException("Cannot write " + n + " in Chinese numerals: supported 0..99");
    }
    if (n < 10) {
      return String.valueOf(DIGITS.charAt(n));
    }
    String tens = n / 10 == 1 ? "十" : DIGITS.charAt(n / 10) + "十";
    return n % 10 == 0 ? tens : tens + DIGITS.charAt(n % 10);
  }

  /** Digit by digit, as room numbers are read out: 501 -> 五零一. */
  static String spelled(String digits) {
    StringBuilder sb = new StringBuilder(digits.length());
    for (char c : digits.toCharArray()) {
      sb.append(c >= '0' && c <= '9' ? DIGITS.charAt(c - '0') : c);
    }
    return sb.toString();
  }
}
