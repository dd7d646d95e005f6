package org.cdhub.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PersonNameTest {

  private static PersonName valid(String raw) {
    Checked<PersonName> checked = PersonName.check(raw);
    assertThat(checked.valid()).as("%s: %s", raw, checked.reason()).isTrue();
    return checked.value();
  }

  @ParameterizedTest
  @ValueSource(strings = {"张三", " 张三 ", "张 三", "张　三", " 张  三 "})
  void removesSpacesBetweenHanCharacters(String raw) {
    PersonName name = valid(raw);

    assertThat(name.value()).isEqualTo("张三");
    assertThat(name.isPinyin()).isFalse();
  }

  @Test
  void convertsTraditionalToSimplifiedWithNote() {
    Checked<PersonName> checked = PersonName.check("張偉");

    assertThat(checked.value().value()).isEqualTo("张伟");
    assertThat(checked.notes()).containsExactly("NAME_TO_SIMPLIFIED");
    assertThat(PersonName.check("张伟").notes()).isEmpty();
    assertThat(valid("歐陽鋒").value()).isEqualTo("欧阳锋");
  }

  @ParameterizedTest
  @ValueSource(strings = {"阿卜杜·热合曼", "阿卜杜.热合曼", "阿卜杜•热合曼", "阿卜杜・热合曼", "阿卜杜 · 热合曼", "阿卜杜．热合曼"})
  void keepsOneMiddleDotInMinorityNames(String raw) {
    PersonName name = valid(raw);

    assertThat(name.value()).isEqualTo("阿卜杜·热合曼");
    assertThat(name.surname()).isEqualTo("热合曼");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Zhang San", "ZHANG SAN", "zhang san", "zhang_san", "Zhang-San", "ZhangSan", " Zhang  San ", "Ｚｈａｎｇ Ｓａｎ", "Zhāng Sān"})
  void acceptsPinyinFormsAndKeepsThemAsPinyin(String raw) {
    PersonName name = valid(raw);

    assertThat(name.value()).isEqualTo("Zhang San");
    assertThat(name.isPinyin()).isTrue();
    assertThat(name.pinyinKey()).isEqualTo("zhangsan");
    assertThat(name.surname()).isEqualTo("Zhang");
  }

  @Test
  void pinyinKeyIsTheSameForHanTraditionalAndPinyinForms() {
    assertThat(valid("张三").pinyinKey()).isEqualTo("zhangsan");
    assertThat(valid("張三").pinyinKey()).isEqualTo("zhangsan");
    assertThat(valid("ZHANG SAN").pinyinKey()).isEqualTo("zhangsan");
    assertThat(valid("欧阳娜娜").pinyinKey()).isEqualTo(valid("Ouyang Nana").pinyinKey()).isEqualTo("ouyangnana");
  }

  @Test
  void pinyinKeyWritesUmlautAsV() {
    assertThat(valid("吕布").pinyinKey()).isEqualTo("lvbu");
    assertThat(valid("Lǚ Bù").pinyinKey()).isEqualTo("lvbu");
    assertThat(valid("Lü Bu").pinyinKey()).isEqualTo("lvbu");
    assertThat(valid("Lv Bu").pinyinKey()).isEqualTo("lvbu");
    assertThat(valid("Lu: Bu").pinyinKey()).isEqualTo("lvbu");
  }

  @ParameterizedTest
  @CsvSource({"单雄信, shanxiongxin", "曾国藩, zengguofan", "解缙, xiejin", "仇英, qiuying", "尉迟恭, yuchigong", "长孙无忌, zhangsunwuji"})
  void pinyinKeyUsesSurnameReadings(String raw, String key) {
    assertThat(valid(raw).pinyinKey()).isEqualTo(key);
  }

  @ParameterizedTest
  @CsvSource({
    "欧阳娜娜, 欧阳", "司马光, 司马", "诸葛亮, 诸葛", "上官婉儿, 上官", "东方明, 东方", "皇甫嵩, 皇甫",
    "张三, 张", "王小明, 王", "欧阳, 欧", "司徒雷登, 司徒",
  })
  void surnameRecognisesCompoundSurnames(String raw, String surname) {
    assertThat(valid(raw).surname()).isEqualTo(surname);
  }

  @Test
  void acceptsRareCharactersOutsideTheBasicPlane() {
    PersonName name = valid("王𠀀");

    assertThat(name.value()).isEqualTo("王𠀀");
    assertThat(name.surname()).isEqualTo("王");
    assertThat(name.masked()).isEqualTo("王*");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   ", "\u3000"})
  void rejectsEmpty(String raw) {
    assertThat(PersonName.check(raw).rule()).isEqualTo("NAME-EMPTY");
  }

  @ParameterizedTest
  @ValueSource(strings = {"张3", "张三2", "Zhang San 2", "李四４", "张〇"})
  void rejectsDigits(String raw) {
    assertThat(PersonName.check(raw).rule()).isEqualTo("NAME-DIGIT");
  }

  @ParameterizedTest
  @ValueSource(strings = {"张三!", "张@三", "张San", "Zhang 三", "---", "·张三", "张三·", "张··三", "Zhang$San", "Иван"})
  void rejectsSymbolsMixedScriptsAndStrayDots(String raw) {
    assertThat(PersonName.check(raw).rule()).isEqualTo("NAME-CHARSET");
  }

  @Test
  void rejectsOverLongAndSingleCharacterNames() {
    String thirtyOne = "张".repeat(31);

    assertThat(PersonName.check(thirtyOne).rule()).isEqualTo("NAME-LENGTH");
    assertThat(PersonName.check("张".repeat(30)).valid()).isTrue();
    assertThat(PersonName.check("Zhang".repeat(7)).rule()).isEqualTo("NAME-LENGTH");
    assertThat(PersonName.check("张").rule()).isEqualTo("NAME-LENGTH");
  }

  @ParameterizedTest
  @ValueSource(strings = {"无", "不详", "未知", "NULL", "null", "Unknown"})
  void rejectsPlaceholders(String raw) {
    assertThat(PersonName.check(raw).rule()).isEqualTo("NAME-PLACEHOLDER");
  }

  @Test
  void reasonsAndToStringAreMasked() {
    assertThat(PersonName.check("张三丰3").reason()).contains("张**3").doesNotContain("张三丰");
    assertThat(valid("张三丰").toString()).isEqualTo("张*丰");
  }

  @Test
  void equalityIsByStandardizedValue() {
    assertThat(valid("張三")).isEqualTo(valid("张 三")).hasSameHashCodeAs(valid("张三"));
    assertThat(valid("张三")).isNotEqualTo(valid("Zhang San"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "张|三|张三",
      "欧阳| 娜娜 |欧阳娜娜",
      "berry|lachlan|lachlan berry",
      " berry | lachlan |lachlan berry",
      "Müller|Anna|Anna Müller",
      "王|Wei|Wei 王"})
  void composesHanPartsSurnameFirstAndOtherScriptsGivenNameFirst(String surname, String given, String composed) {
    assertThat(PersonName.composed(surname, given)).isEqualTo(composed);
  }

  @Test
  void composesTheOnePartPresentAndNothingFromTwoBlankParts() {
    assertThat(PersonName.composed(null, " lachlan")).isEqualTo("lachlan");
    assertThat(PersonName.composed("berry", "  ")).isEqualTo("berry");
    assertThat(PersonName.composed(" ", null)).isNull();
  }

  @Test
  void aComposedLatinNameKeysOnItsLowerCaseLetters() {
    PersonName name = valid(PersonName.composed("o'brien", "mary-jane"));

    assertThat(name.pinyinKey()).isEqualTo("maryjaneobrien");
    assertThat(PersonName.check(PersonName.composed("王", "Wei")).rule()).as("mixed scripts stay refused").isEqualTo("NAME-CHARSET");
  }
}
