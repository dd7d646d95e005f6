package org.cdhub.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.sourceforge.pinyin4j.PinyinHelper;
import net.sourceforge.pinyin4j.format.HanyuPinyinCaseType;
import net.sourceforge.pinyin4j.format.HanyuPinyinOutputFormat;
import net.sourceforge.pinyin4j.format.HanyuPinyinToneType;
import net.sourceforge.pinyin4j.format.HanyuPinyinVCharType;
import net.sourceforge.pinyin4j.format.exception.BadHanyuPinyinOutputFormatCombination;

/** Hanyu pinyin through pinyin4j: tone-less, lower case, ü written as v. */
public final class Pinyin {

  private static final HanyuPinyinOutputFormat FORMAT = new HanyuPinyinOutputFormat();
  /** Readings by character; bounded by the BMP (pinyin4j knows ~20k characters). */
  private static final java.util.concurrent.ConcurrentHashMap<Character, String> SYLLABLES = new java.util.concurrent.ConcurrentHashMap<>();
  private static final String NONE = new String("");

  static {
    FORMAT.setCaseType(HanyuPinyinCaseType.LOWERCASE);
    FORMAT.setToneType(HanyuPinyinToneType.WITHOUT_TONE);
    FORMAT.setVCharType(HanyuPinyinVCharType.WITH_V);
    // Load pinyin4j's table during class initialisation, which the JVM makes thread-safe.
    syllable('一');
  }

  private Pinyin() {}

  /**
   * One syllable per Han character ("张三" -> [zhang, san]); a polyphonic character gets its
   * first (most common) reading. A run of ASCII letters or digits becomes one lower-case
   * token; everything else (spaces, '·', punctuation) is skipped. Null gives an empty list.
   */
  public static List<String> syllables(String han) {
    List<String> out = new ArrayList<>();
    if (han == null) {
      return out;
    }
    String text = HalfWidth.of(han);
    StringBuilder ascii = new StringBuilder();
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (cp < 128 && Character.isLetterOrDigit(cp)) {
        ascii.append((char) Character.toLowerCase(cp));
        continue;
      }
      if (ascii.length() > 0) {
        out.add(ascii.toString());
        ascii.setLength(0);
      }
      if (cp <= 0xFFFF) {
        String s = syllable((char) cp);
        if (s != null) {
          out.add(s);
        }
      }
    }
    if (ascii.length() > 0) {
      out.add(ascii.toString());
    }
    return List.copyOf(out);
  }

  /** First tone-less reading of a Han character, or null when pinyin4j has none; memoized (pinyin4j formats with regexes on every call). */
  static String syllable(char c) {
    String known = SYLLABLES.get(c);
    if (known != null) {
      return known == NONE ? null : known;
    }
    String reading = reading(c);
    SYLLABLES.putIfAbsent(c, reading == null ? NONE : reading);
    return reading;
  }

  private static String reading(char c) {
    try {
      String[] readings = PinyinHelper.toHanyuPinyinStringArray(c, FORMAT);
      if (readings == null || readings.length == 0 || readings[0] == null || readings[0].isEmpty()) {
        return null;
      }
      return readings[0].toLowerCase(Locale.ROOT);
    } catch (BadHanyuPinyinOutputFormatCombination e) {
      throw new IllegalStateException("Cannot produce pinyin: pinyin4j rejected the output format", e);
    }
  }
}
