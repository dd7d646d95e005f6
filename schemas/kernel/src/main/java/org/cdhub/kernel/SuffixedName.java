package org.cdhub.kernel;

/**
 * A place-name level such as 兴庆区 or 凤凰北街街道: between {@code min} and {@code max} Han
 * characters outside {@code excluded}, as few as possible, followed by the first of
 * {@code suffixes} that fits; matched at a position only. This is what the regular expression
 * {@code ([\p{IsHan}&&[^excluded]]{min,max}?)(suffix1|suffix2|...)} does with {@code lookingAt},
 * without the regex engine's chain of one predicate per excluded character, which was most of
 * the address parser's time.
 */
final class SuffixedName {
  private final String excluded;
  private final int min;
  private final int max;
  private final String[] suffixes;

  SuffixedName(String excluded, int min, int max, String... suffixes) {
    this.excluded = excluded;
    this.min = min;
    this.max = max;
    this.suffixes = suffixes.clone();
  }

  /** The match starting at {@code from} in {@code s}, or null. */
  Match at(String s, int from) {
    int end = from;
    for (int count = 1; count <= max; count++) {
      if (end >= s.length()) {
        return null;
      }
      int cp = s.codePointAt(end);
      if (!isNameChar(cp)) {
        return null;
      }
      end += Character.charCount(cp);
      if (count >= min) {
        for (String suffix : suffixes) {
          if (s.startsWith(suffix, end)) {
            return new Match(s.substring(from, end), suffix, end + suffix.length());
          }
        }
      }
    }
    return null;
  }

  private boolean isNameChar(int cp) {
    return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN && excluded.indexOf(cp) < 0;
  }

  /** The name without its suffix, the suffix, and where the match ends. */
  record Match(String name, String suffix, int end) {
    String whole() {
      return name + suffix;
    }
  }
}
