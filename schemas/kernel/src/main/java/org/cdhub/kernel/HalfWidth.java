package org.cdhub.kernel;

/** Folds full-width ASCII forms (U+FF01..U+FF5E) and the ideographic space to half width. */
final class HalfWidth {

  private HalfWidth() {}

  static String of(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '\uFF01' && c <= '\uFF5E') {
        out.append((char) (c - 0xFEE0));
      } else if (c == '\u3000') {
        out.append(' ');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Half width, with every whitespace character (incl. no-break spaces) removed. */
  static String compact(String text) {
    String half = of(text);
    StringBuilder out = new StringBuilder(half.length());
    for (int i = 0; i < half.length(); i++) {
      char c = half.charAt(i);
      if (!Character.isWhitespace(c) && !Character.isSpaceChar(c) && c != '\uFEFF') {
        out.append(c);
      }
    }
    return out.toString();
  }
}
