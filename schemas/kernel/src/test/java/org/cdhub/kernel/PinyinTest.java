package org.cdhub.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PinyinTest {

  @Test
  void givesOneToneLessLowerCaseSyllablePerHanCharacter() {
    assertThat(Pinyin.syllables("张三")).containsExactly("zhang", "san");
    assertThat(Pinyin.syllables("欧阳娜娜")).containsExactly("ou", "yang", "na", "na");
    assertThat(Pinyin.syllables("银川")).containsExactly("yin", "chuan");
  }

  @Test
  void writesUmlautAsV() {
    assertThat(Pinyin.syllables("吕绿女")).containsExactly("lv", "lv", "nv");
  }

  @Test
  void readsTraditionalCharactersToo() {
    assertThat(Pinyin.syllables("張偉")).containsExactly("zhang", "wei");
  }

  @Test
  void skipsSpacesDotsAndPunctuationAndKeepsAsciiRunsAsTokens() {
    assertThat(Pinyin.syllables("阿卜杜·热合曼")).containsExactly("a", "bu", "du", "re", "he", "man");
    assertThat(Pinyin.syllables("张 三，")).containsExactly("zhang", "san");
    assertThat(Pinyin.syllables("3号楼A座")).containsExactly("3", "hao", "lou", "a", "zuo");
    assertThat(Pinyin.syllables("Zhang San")).containsExactly("zhang", "san");
  }

  @Test
  void nullAndEmptyGiveNoSyllables() {
    assertThat(Pinyin.syllables(null)).isEmpty();
    assertThat(Pinyin.syllables("")).isEmpty();
    assertThat(Pinyin.syllables("😀")).isEmpty();
  }
}
