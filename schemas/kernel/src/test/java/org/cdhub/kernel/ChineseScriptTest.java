package org.cdhub.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChineseScriptTest {

  @Test
  void convertsTraditionalToSimplified() {
    assertThat(ChineseScript.toSimplified("張偉")).isEqualTo("张伟");
    assertThat(ChineseScript.toSimplified("金鳳區麗景灣")).isEqualTo("金凤区丽景湾");
    assertThat(ChineseScript.toSimplified("劉德華")).isEqualTo("刘德华");
  }

  @Test
  void convertsSimplifiedToTraditional() {
    assertThat(ChineseScript.toTraditional("张伟")).isEqualTo("張偉");
    assertThat(ChineseScript.toTraditional("金凤区丽景湾小区")).isEqualTo("金鳳區麗景灣小區");
  }

  @Test
  void leavesSimplifiedAndNonChineseTextAlone() {
    assertThat(ChineseScript.toSimplified("张三 Zhang 123")).isEqualTo("张三 Zhang 123");
    assertThat(ChineseScript.toTraditional("Zhang 123")).isEqualTo("Zhang 123");
  }

  @Test
  void skippingTextWithoutTraditionalCharactersNeverChangesTheResult() {
    // the fast path returns such text as it is: opencc4j's full conversion must agree, for single
    // characters and for random phrases of them (phrase rules are where a shortcut could go wrong)
    java.util.List<Character> plain = new java.util.ArrayList<>();
    for (char c = '\u4e00'; c <= '\u9fff'; c++) {
      if (!com.github.houbb.opencc4j.util.ZhConverterUtil.isTraditional(c)) {
        plain.add(c);
      }
    }
    assertThat(plain).hasSizeGreaterThan(10_000);
    java.util.Random random = new java.util.Random(7);
    for (int n = 0; n < 20_000; n++) {
      StringBuilder text = new StringBuilder();
      int length = n < plain.size() ? 1 : 2 + random.nextInt(4);
      for (int i = 0; i < length; i++) {
        text.append(n < plain.size() && length == 1 ? plain.get(n) : plain.get(random.nextInt(plain.size())));
      }
      String s = text.toString();
      assertThat(ChineseScript.toSimplified(s)).as("'%s'", s).isEqualTo(com.github.houbb.opencc4j.util.ZhConverterUtil.toSimple(s));
    }
  }

  @Test
  void nullAndEmptyPassThrough() {
    assertThat(ChineseScript.toSimplified(null)).isNull();
    assertThat(ChineseScript.toTraditional(null)).isNull();
    assertThat(ChineseScript.toSimplified("")).isEmpty();
    assertThat(ChineseScript.toTraditional("")).isEmpty();
  }
}
