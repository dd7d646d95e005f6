package org.cdhub.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressParserTest {

  private static final ParsedAddress FULL =
      new ParsedAddress("金凤区", "长城中路街道", "丽景社区", "丽景湾小区", "3", "2", "501", null);
  private static final ParsedAddress COMPOUND_ONLY =
      new ParsedAddress(null, null, null, "丽景湾小区", "3", "2", "501", null);

  @Test
  void parsesTheFullHierarchy() {
    ParsedAddress parsed = AddressParser.parse("金凤区长城中路街道丽景社区丽景湾小区3号楼2单元501室");

    assertThat(parsed).isEqualTo(FULL);
    assertThat(parsed.standardForm()).isEqualTo("金凤区长城中路街道丽景社区丽景湾小区3号楼2单元501室");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "宁夏回族自治区银川市金凤区长城中路街道丽景社区丽景湾小区3号楼2单元501室",
    "宁夏回族自治区金凤区长城中路街道丽景社区丽景湾小区3号楼2单元501室",
    "银川市金凤区长城中路街道丽景社区丽景湾小区3号楼2单元501室",
    "宁夏银川市金凤区长城中路街道丽景社区丽景湾小区3号楼2单元501室",
    " 宁夏回族自治区 银川市 金凤区 长城中路街道 丽景社区 丽景湾小区 3号楼 2单元 501室 ",
    "金凤区长城中路街道办事处丽景社区居委会丽景湾小区3号楼2单元501室",
    "金凤区长城中路街道丽景社区居民委员会丽景湾3栋2单元501",
    "金鳳區長城中路街道麗景社區麗景灣小區3號樓2單元501室",
    "金凤区，长城中路街道，丽景社区，丽景湾小区3号楼2单元501室",
  })
  void skipsProvinceAndCityAndCanonicalisesSuffixes(String raw) {
    assertThat(AddressParser.parse(raw)).isEqualTo(FULL);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "丽景湾小区3-2-501", "丽景湾3栋2单元501", "丽景湾小区三号楼二单元五零一", "丽景湾小区３号楼２单元５０１室",
    "丽景湾小区3号楼2单元501室", "丽景湾小区3幢2单元501室", "丽景湾小区3栋2单元501室", "丽景湾小区3号2单元501室",
    "丽景湾小区3#楼2单元501", "丽景湾小区3#2单元501", "丽景湾小区3楼2单元501", "丽景湾小区第3栋第2单元501室",
    "丽景湾小区3号楼2单元501号", "丽景湾小区3号楼2单元501户", "丽景湾小区3栋2-501", "丽景湾小区03号楼02单元0501室",
    "丽景湾小区３－２－５０１", "丽景湾小区3—2—501", "丽景湾小区 3 号楼 2 单元 501 室", "丽景湾小区三号楼二单元五百零一室",
    "丽景湾 3栋 2单元 501",
  })
  void parsesBuildingUnitAndRoomInEveryWrittenForm(String raw) {
    assertThat(AddressParser.parse(raw)).isEqualTo(COMPOUND_ONLY);
  }

  @ParameterizedTest
  @CsvSource({
    "丽景湾小区A座1201室, A, , 1201",
    "丽景湾小区b栋1单元1201, B, 1, 1201",
    "丽景湾小区12A栋1单元1201, 12A, 1, 1201",
    "丽景湾小区十三号楼二单元一百零一户, 13, 2, 101",
    "丽景湾小区二十号楼一单元三零二, 20, 1, 302",
    "丽景湾小区两号楼, 2, , ",
    "丽景湾小区3-501, 3, , 501",
    "丽景湾小区3号楼, 3, , ",
    "丽景湾小区2单元501室, , 2, 501",
    "丽景湾小区501室, , , 501",
  })
  void keepsMissingLevelsNull(String raw, String building, String unit, String room) {
    ParsedAddress parsed = AddressParser.parse(raw);

    assertThat(parsed.compound()).isEqualTo("丽景湾小区");
    assertThat(parsed.building()).isEqualTo(building);
    assertThat(parsed.unit()).isEqualTo(unit);
    assertThat(parsed.room()).isEqualTo(room);
    assertThat(parsed.unparsed()).isNull();
  }

  @Test
  void keepsMissingAdministrativeLevelsNull() {
    assertThat(AddressParser.parse("金凤区丽景湾小区3号楼2单元501室"))
        .isEqualTo(new ParsedAddress("金凤区", null, null, "丽景湾小区", "3", "2", "501", null));
    assertThat(AddressParser.parse("长城中路街道丽景社区3号楼"))
        .isEqualTo(new ParsedAddress(null, "长城中路街道", "丽景社区", null, "3", null, null, null));
    assertThat(AddressParser.parse("银川市兴庆区"))
        .isEqualTo(new ParsedAddress("兴庆区", null, null, null, null, null, null, null));
    assertThat(AddressParser.parse("丽景湾小区"))
        .isEqualTo(new ParsedAddress(null, null, null, "丽景湾小区", null, null, null, null));
  }

  @Test
  void compoundWithoutSuffixGetsXiaoqu() {
    assertThat(AddressParser.parse("金凤区阳光花园5栋1单元101").compound()).isEqualTo("阳光花园小区");
    assertThat(AddressParser.parse("金凤区阳光花园小区5栋1单元101").compound()).isEqualTo("阳光花园小区");
    assertThat(AddressParser.parse("金凤区阳光花园").compound()).isEqualTo("阳光花园小区");
  }

  @Test
  void countyLevelCitiesTownsAndVillages() {
    assertThat(AddressParser.parse("银川市灵武市东塔镇东塔村"))
        .isEqualTo(new ParsedAddress("灵武市", "东塔镇", "东塔村", null, null, null, null, null));
    assertThat(AddressParser.parse("灵武市东塔镇东塔村委会"))
        .isEqualTo(new ParsedAddress("灵武市", "东塔镇", "东塔村", null, null, null, null, null));
    assertThat(AddressParser.parse("贺兰县习岗镇新平村"))
        .isEqualTo(new ParsedAddress("贺兰县", "习岗镇", "新平村", null, null, null, null, null));
  }

  @Test
  void xincunUnderAStreetIsACompoundNotAVillage() {
    ParsedAddress parsed = AddressParser.parse("兴庆区新华街街道幸福新村3号楼1单元202室");

    assertThat(parsed.community()).isNull();
    assertThat(parsed.compound()).isEqualTo("幸福新村");
    assertThat(parsed.building()).isEqualTo("3");
  }

  @Test
  void aOneCharacterNameBeforeXiangOrZhenIsNoTown() {
    ParsedAddress parsed = AddressParser.parse("金凤区水乡花园3号楼1单元101室");

    assertThat(parsed.street()).isNull();
    assertThat(parsed.compound()).isEqualTo("水乡花园小区");
  }

  @Test
  void numbersInsideTheCompoundNameAreNotTakenForTheBuilding() {
    ParsedAddress parsed = AddressParser.parse("丽景湾二期小区3号楼2单元501室");

    assertThat(parsed.compound()).isEqualTo("丽景湾二期小区");
    assertThat(parsed.building()).isEqualTo("3");
    assertThat(AddressParser.parse("一号院小区3号楼2单元501室").compound()).isEqualTo("一号院小区");
  }

  @Test
  void leftoverTextGoesToUnparsed() {
    assertThat(AddressParser.parse("丽景湾小区3号楼2单元501室(东门)"))
        .isEqualTo(new ParsedAddress(null, null, null, "丽景湾小区", "3", "2", "501", "(东门)"));
    assertThat(AddressParser.parse("长城中路88号"))
        .isEqualTo(new ParsedAddress(null, null, null, null, null, null, null, "长城中路88号"));
    assertThat(AddressParser.parse("丽景湾小区旁边的平房"))
        .isEqualTo(new ParsedAddress(null, null, null, "丽景湾小区", null, null, null, "旁边的平房"));
    assertThat(AddressParser.parse("不详"))
        .isEqualTo(new ParsedAddress(null, null, null, null, null, null, null, "不详"));
  }

  @Test
  void standardFormRendersCanonicalTextIncludingUnparsed() {
    assertThat(AddressParser.parse("宁夏回族自治区银川市金凤区长城中路街道丽景社区丽景湾3栋2单元五零一").standardForm())
        .isEqualTo("金凤区长城中路街道丽景社区丽景湾小区3号楼2单元501室");
    assertThat(AddressParser.parse("丽景湾小区3-2-501").standardForm()).isEqualTo("丽景湾小区3号楼2单元501室");
    assertThat(AddressParser.parse("丽景湾小区3号楼2单元501室(东门)").standardForm())
        .isEqualTo("丽景湾小区3号楼2单元501室(东门)");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   ", "\u3000", ",，"})
  void blankGivesEmptyAddress(String raw) {
    ParsedAddress parsed = AddressParser.parse(raw);

    assertThat(parsed).isEqualTo(ParsedAddress.empty());
    assertThat(parsed.standardForm()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"-", "---", "3-", "-2-", "号楼单元室", "第", "#", "区", "市市市市", "自治区", "一二三四五六七八九十百千", "99999999999999999999号楼"})
  void neverThrowsOnOddText(String raw) {
    ParsedAddress parsed = AddressParser.parse(raw);

    assertThat(parsed.standardForm()).isNotNull();
  }

  @Test
  void convertsChineseNumerals() {
    assertThat(AddressParser.number("五零一")).isEqualTo("501");
    assertThat(AddressParser.number("十")).isEqualTo("10");
    assertThat(AddressParser.number("十三")).isEqualTo("13");
    assertThat(AddressParser.number("二十")).isEqualTo("20");
    assertThat(AddressParser.number("一百零一")).isEqualTo("101");
    assertThat(AddressParser.number("一千二百")).isEqualTo("1200");
    assertThat(AddressParser.number("〇一")).isEqualTo("1");
    assertThat(AddressParser.number("0501")).isEqualTo("501");
    assertThat(AddressParser.number("000")).isEqualTo("0");
  }
}
