package org.cdhub.kernel;

import com.github.houbb.opencc4j.util.ZhConverterUtil;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;

/** Traditional/simplified Chinese conversion through opencc4j (phrase-aware). Null stays null. */
public final class ChineseScript {
  /**
   * Characters a traditional-to-simplified conversion can change: those opencc4j's character
   * table maps to another character, and those a phrase rule rewrites. Text without any of them
   * converts to itself, so opencc4j's phrase segmentation (the costly part) is skipped for it.
   */
  private static final BitSet CONVERTIBLE = new BitSet(Character.MAX_VALUE + 1);

  static {
    readConvertible("/data/dictionary/TSCharacters.txt");
    readConvertible("/data/dictionary/TSPhrases.txt");
  }

  private ChineseScript() {}

  /** Traditional to simplified: 張偉 -> 张伟. Non-Chinese text passes through unchanged. */
  public static String toSimplified(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    for (int i = 0; i < text.length(); i++) {
      if (CONVERTIBLE.get(text.charAt(i))) {
        return ZhConverterUtil.toSimple(text);
      }
    }
    return text;
  }

  /** Simplified to traditional: 张伟 -> 張偉. Non-Chinese text passes through unchanged. */
  public static String toTraditional(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    return ZhConverterUtil.toTraditional(text);
  }

  /** Marks the characters an entry of one of opencc4j's t2s tables ({@code from<TAB>to [alternatives]}) changes. */
  private static void readConvertible(String resource) {
    try (InputStream in = ZhConverterUtil.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Cannot load opencc4j's conversion table " + resource + ": not on the class path");
      }
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        int tab = line.indexOf('\t');
        if (tab <= 0) {
          continue;
        }
        String from = line.substring(0, tab);
        String to = line.substring(tab + 1).strip();
        int space = to.indexOf(' ');
        to = space < 0 ? to : to.substring(0, space);
        if (from.equals(to)) {
          continue;
        }
        for (int i = 0; i < from.length(); i++) {
          // same length: the positions that differ; otherwise every character of the phrase
          if (from.length() != to.length() || from.charAt(i) != to.charAt(i)) {
            CONVERTIBLE.set(from.charAt(i));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read opencc4j's conversion table " + resource, e);
    }
  }
}
