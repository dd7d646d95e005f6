package org.cdhub.jobs.standardize;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import org.cdhub.kernel.Checked;
import org.cdhub.kernel.ChineseScript;

/**
 * Standardizing for values the kernel has no type for: names of organizations and places, and device
 * identifiers. Width folding uses NFKC because the kernel's HalfWidth is package-private;
 * for these values (ASCII forms, ideographic space, compatibility ideographs) the result is
 * the same.
 */
final class TextValues {
  static final String RULE_NAME_EMPTY = "PROPER-NAME-EMPTY";
  static final String RULE_NAME_PLACEHOLDER = "PROPER-NAME-PLACEHOLDER";
  static final String RULE_NAME_CHARSET = "PROPER-NAME-CHARSET";
  static final String NOTE_NAME_NORMALIZED = "PROPER_NAME_NORMALIZED";
  static final String RULE_IDENTIFIER_EMPTY = "IDENTIFIER-EMPTY";
  static final String RULE_IDENTIFIER_CHARSET = "IDENTIFIER-CHARSET";
  private static final Set<String> PLACEHOLDERS = Set.of("无", "不详", "未知", "null", "NULL", "none", "N/A", "-", "/", "空");
  private static final String IDENTIFIER_PUNCTUATION = "-_.:/#";

  private TextValues() {}

  /**
   * The name of an organization or place (not a person): half width, simplified, white space
   * runs as one space. Rules: PROPER-NAME-EMPTY, PROPER-NAME-PLACEHOLDER (无, 不详, null, ...),
   * PROPER-NAME-CHARSET (control or
   * invisible format characters, symbols such as emoji or the replacement character of a
   * broken encoding, or no letter at all).
   */
  static Checked<String> properName(String raw) {
    if (raw == null || raw.isBlank()) {
      return Checked.rejected(RULE_NAME_EMPTY, "name is empty");
    }
    String folded = ChineseScript.toSimplified(Normalizer.normalize(raw, Normalizer.Form.NFKC));
    StringBuilder sb = new StringBuilder(folded.length());
    boolean space = false;
    boolean letter = false;
    for (int i = 0; i < folded.length(); ) {
      int cp = folded.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        space = sb.length() > 0;
        continue;
      }
      int type = Character.getType(cp);
      if (Character.isISOControl(cp) || type == Character.FORMAT || type == Character.OTHER_SYMBOL
          || type == Character.PRIVATE_USE || type == Character.SURROGATE || type == Character.UNASSIGNED) {
        return Checked.rejected(RULE_NAME_CHARSET,
            "name has a control, invisible or symbol character (U+" + String.format("%04X", cp) + ")");
      }
      if (space) {
        sb.append(' ');
        space = false;
      }
      letter |= Character.isLetter(cp);
      sb.appendCodePoint(cp);
    }
    String name = sb.toString();
    if (PLACEHOLDERS.contains(name)) {
      return Checked.rejected(RULE_NAME_PLACEHOLDER, "name is a placeholder for an unknown value");
    }
    if (!letter) {
      return Checked.rejected(RULE_NAME_CHARSET, "name has no letter");
    }
    return name.equals(raw.strip()) ? Checked.ok(name) : Checked.ok(name, NOTE_NAME_NORMALIZED);
  }

  /**
   * A device id, meter number or serial: half width, no white space, upper case. Rules:
   * IDENTIFIER-EMPTY, IDENTIFIER-CHARSET (anything but ASCII letters, digits and {@code - _ . : / #}).
   */
  static Checked<String> identifier(String raw) {
    if (raw == null || raw.isBlank()) {
      return Checked.rejected(RULE_IDENTIFIER_EMPTY, "identifier is empty");
    }
    String folded = Normalizer.normalize(raw, Normalizer.Form.NFKC);
    StringBuilder sb = new StringBuilder(folded.length());
    for (int i = 0; i < folded.length(); ) {
      int cp = folded.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == '\uFEFF') {
        continue;
      }
      boolean ascii = cp >= '0' && cp <= '9' || cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z' || IDENTIFIER_PUNCTUATION.indexOf(cp) >= 0;
      if (!ascii) {
        return Checked.rejected(RULE_IDENTIFIER_CHARSET,
            "identifier has a character other than ASCII letters, digits and " + IDENTIFIER_PUNCTUATION + " (U+" + String.format("%04X", cp) + ")");
      }
      sb.appendCodePoint(cp);
    }
    if (sb.isEmpty()) {
      return Checked.rejected(RULE_IDENTIFIER_EMPTY, "identifier is empty");
    }
    return Checked.ok(sb.toString().toUpperCase(Locale.ROOT));
  }

  /** Stripped text, null when blank. */
  static String trimmed(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
