package org.cdhub.kernel;

import com.github.houbb.opencc4j.util.ZhConverterUtil;

/** Traditional/simplified Chinese conversion through opencc4j (phrase-aware). Null stays null. */
public final class ChineseScript {

  /** Characters opencc4j knows as traditional, looked up once: its own per-character check is a map lookup by string. */
  private static final java.util.BitSet TRADITIONAL = new java.util.BitSet(Character.MAX_VALUE + 1);

  static {
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      if (ZhConverterUtil.isTraditional((char) c)) {
        TRADITIONAL.set(c);
      }
    }
  }

  private ChineseScript() {}

  /** Traditional to simplified: 張偉 -> 张伟. Non-Chinese text passes through unchanged. */
  public static String toSimplified(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    // most text is already simplified: skip opencc4j's phrase segmentation when no character is traditional
    for (int i = 0; i < text.length(); i++) {
      if (TRADITIONAL.get(text.charAt(i))) {
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
}
