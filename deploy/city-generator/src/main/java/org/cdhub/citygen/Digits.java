package org.cdhub.citygen;

/** Zero-padded numbers for record ids and codes; String.format is too slow at a million rows. */
final class Digits {
  private Digits() {}

  /** {@code value} with leading zeros to {@code width} digits: pad(42, 5) = "00042". */
  static String pad(long value, int width) {
    if (value < 0) {
      throw new IllegalArgumentException("Cannot pad a negative number: " + value);
    }
    String s = Long.toString(value);
    if (s.length() >= width) {
      return s;
    }
    StringBuilder sb = new StringBuilder(width);
    for (int i = s.length(); i < width; i++) {
      sb.append('0');
    }
    return sb.append(s).toString();
  }

  /** Two decimals, as areas are written: 89.5 -> "89.50". */
  static String twoDecimals(double value) {
    long cents = Math.round(value * 100);
    return (cents / 100) + "." + pad(Math.abs(cents % 100), 2);
  }
}
