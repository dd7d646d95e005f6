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
  void theShortcutAgreesWithOpenccOnEveryCharacterEveryPhraseRuleAndRandomText() throws Exception {
    // the shortcut returns text with no convertible character as it is; opencc4j's full conversion is the reference
    java.util.List<String> texts = new java.util.ArrayList<>();
    for (char c = '\u3400'; c <= '\u9fff'; c++) {
      texts.add(String.valueOf(c));
    }
    try (var in = com.github.houbb.opencc4j.util.ZhConverterUtil.class.getResourceAsStream("/data/dictionary/TSPhrases.txt")) {
      for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\\R")) {
        if (line.indexOf('\t') > 0) {
          String phrase = line.substring(0, line.indexOf('\t'));
          texts.add(phrase);
          texts.add("丽景" + phrase + "小区");
        }
      }
    }
    assertThat(texts).hasSizeGreaterThan(27_000);
    java.util.Random random = new java.util.Random(7);
    for (int n = 0; n < 20_000; n++) {
      StringBuilder text = new StringBuilder();
      for (int i = 0, length = 2 + random.nextInt(5); i < length; i++) {
        text.append((char) ('\u4e00' + random.nextInt(0x9fff - 0x4e00)));
      }
      texts.add(text.toString());
    }
    for (String s : texts) {
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
