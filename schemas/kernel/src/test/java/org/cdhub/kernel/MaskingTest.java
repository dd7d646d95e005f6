package org.cdhub.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MaskingTest {

  @Test
  void nullStaysNull() {
    assertThat(Masking.idNumber(null)).isNull();
    assertThat(Masking.phone(null)).isNull();
    assertThat(Masking.name(null)).isNull();
    assertThat(Masking.address(null)).isNull();
  }

  @ParameterizedTest
  @CsvSource({
    "11010519491231002X, **************002X",
    "110105 19491231 002x, **************002x",
    "640104850615001, ***********5001",
    "12345678, ****5678",
  })
  void idNumberKeepsLastFour(String raw, String masked) {
    assertThat(Masking.idNumber(raw)).isEqualTo(masked);
  }

  @ParameterizedTest
  @CsvSource({"1234567, *******", "1234, ****", "'', ''", "1, *"})
  void shortIdNumbersAreHiddenCompletely(String raw, String masked) {
    assertThat(Masking.idNumber(raw)).isEqualTo(masked);
  }

  @ParameterizedTest
  @CsvSource({
    "13812345678, 138****5678",
    "+86 138-1234-5678, 138****5678",
    "0086 13812345678, 138****5678",
    "0951-5012345, *******2345",
    "1381234567, ******4567",
    "5012345, *******",
    "'', ''",
  })
  void phoneShowsFirstThreeAndLastFourOfMobilesOnlyLastFourOtherwise(String raw, String masked) {
    assertThat(Masking.phone(raw)).isEqualTo(masked);
  }

  @ParameterizedTest
  @CsvSource({
    "张三, 张*",
    "张三丰, 张*丰",
    "欧阳娜娜, 欧**娜",
    "阿卜杜·热合曼, 阿*****曼",
    "张, *",
    "' 张三 ', 张*",
    "Zhang San, Z*******n",
    "'', ''",
  })
  void nameKeepsFirstAndForThreeOrMoreLastCharacter(String raw, String masked) {
    assertThat(Masking.name(raw)).isEqualTo(masked);
  }

  @Test
  void addressKeepsUpToCompoundAndMasksBuildingUnitRoom() {
    assertThat(Masking.address("金凤区长城中路街道丽景社区丽景湾小区3号楼2单元501室"))
        .isEqualTo("金凤区长城中路街道丽景社区丽景湾小区*号楼*单元*室");
    assertThat(Masking.address("丽景湾小区3-2-501")).isEqualTo("丽景湾小区*号楼*单元*室");
    assertThat(Masking.address("丽景湾小区3号楼2单元501室(张三家)")).isEqualTo("丽景湾小区*号楼*单元*室***");
    assertThat(Masking.address("银川市兴庆区")).isEqualTo("兴庆区");
  }

  @ParameterizedTest
  @ValueSource(strings = {"长城中路88号", "不详", "3-2-501", "张三家"})
  void addressWithoutRecognisedPlaceIsHiddenCompletely(String raw) {
    assertThat(Masking.address(raw)).isEqualTo("***");
  }

  @Test
  void addressNeverRevealsDigitsEvenFromAMisparsedPart() {
    assertThat(Masking.address("金凤区88号院小区旁")).doesNotContainPattern("[0-9]");
    assertThat(Masking.address("")).isEmpty();
  }

  @Test
  void numbersInTextMaskIdAndMobileRunsAndKeepShorterCodes() {
    assertThat(Masking.numbersInText("GET /p/11010519491231002X?c=640106001001&m=+8613812345678&x=110105491231002"))
        .isEqualTo("GET /p/**************002X?c=640106001001&m=138****5678&x=***********1002");
    assertThat(Masking.numbersInText("snapshot 5853920176548710134")).isEqualTo("snapshot 5853920176548710134");
    assertThat(Masking.numbersInText(null)).isNull();
  }
}
