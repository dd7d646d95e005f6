package org.cdhub.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SuffixedNameTest {
  static final SuffixedName STREET = new SuffixedName("区县市社小村", 2, 10, "街道办事处", "街道办", "街道", "镇", "乡");

  @Test
  void takesTheShortestNameThatAnySuffixFollowsAndTheFirstSuffixThatFits() {
    SuffixedName.Match m = STREET.at("兴庆区凤凰北街街道办事处北塔社区", 3);

    assertThat(m.name()).isEqualTo("凤凰北街");
    assertThat(m.suffix()).isEqualTo("街道办事处");
    assertThat(m.end()).isEqualTo(12);
    assertThat(m.whole()).isEqualTo("凤凰北街街道办事处");
  }

  @Test
  void aNameShorterThanTheMinimumOrLongerThanTheMaximumIsNoMatch() {
    assertThat(STREET.at("东镇", 0)).as("one character before the suffix").isNull();
    assertThat(STREET.at("一二三四五六七八九十壹街道", 0)).as("eleven characters").isNull();
    assertThat(STREET.at("一二三四五六七八九十街道", 0)).as("ten characters").isNotNull();
  }

  @Test
  void anExcludedOrNonHanCharacterEndsTheName() {
    assertThat(STREET.at("银川市东塔镇", 0)).as("市 is excluded").isNull();
    assertThat(STREET.at("东塔A镇", 0)).isNull();
    assertThat(STREET.at("", 0)).isNull();
    assertThat(STREET.at("东塔", 0)).as("text ends before a suffix").isNull();
  }

  @Test
  void aSupplementaryHanCharacterCountsAsOneCharacterOfTheName() {
    SuffixedName two = new SuffixedName("", 2, 2, "镇");

    assertThat(two.at("𠀀塔镇", 0)).isNotNull();
    assertThat(two.at("𠀀塔镇", 0).end()).isEqualTo("𠀀塔镇".length());
    assertThat(two.at("𠀀𠀁塔镇", 0)).as("three characters, five chars").isNull();
  }
}
