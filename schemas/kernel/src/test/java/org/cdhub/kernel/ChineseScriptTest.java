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
  void nullAndEmptyPassThrough() {
    assertThat(ChineseScript.toSimplified(null)).isNull();
    assertThat(ChineseScript.toTraditional(null)).isNull();
    assertThat(ChineseScript.toSimplified("")).isEmpty();
    assertThat(ChineseScript.toTraditional("")).isEmpty();
  }
}
