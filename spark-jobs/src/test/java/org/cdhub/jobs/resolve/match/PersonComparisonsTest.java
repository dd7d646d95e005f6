package org.cdhub.jobs.resolve.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cdhub.jobs.resolve.match.TestPersons.person;

import org.cdhub.jobs.TestPeople;
import org.cdhub.kernel.CitizenIdNumber;
import org.cdhub.kernel.Sex;
import org.junit.jupiter.api.Test;

class PersonComparisonsTest {
  static final String ID = TestPeople.idNumber("640106", "19800512", 123);

  static String level(Comparison<org.cdhub.model.entity.SilverPerson> c, TestPersons a, TestPersons b) {
    int level = c.compare(a.silver(), b.silver());
    return level == Comparison.MISSING ? "MISSING" : c.levels().get(level);
  }

  @Test
  void idNumbersAgreeExactlyByOneCharacterBySwappedNeighboursOrAsTheLegacyForm() {
    String oneOff = ID.substring(0, 10) + (ID.charAt(10) == '9' ? '0' : (char) (ID.charAt(10) + 1)) + ID.substring(11);
    String swapped = ID.substring(0, 14) + ID.charAt(15) + ID.charAt(14) + ID.substring(16);
    String legacy = TestPeople.legacyIdNumber("640106", "800512", 123);

    assertThat(level(PersonComparisons.ID_NUMBER, person().id(ID), person().id(ID.toLowerCase()))).isEqualTo("EXACT");
    assertThat(level(PersonComparisons.ID_NUMBER, person().id(ID), person().id(oneOff))).isEqualTo("ONE_SUBSTITUTION");
    assertThat(ID.charAt(14)).as("the fixture swaps two different digits").isNotEqualTo(ID.charAt(15));
    assertThat(level(PersonComparisons.ID_NUMBER, person().id(ID), person().id(swapped))).isEqualTo("TRANSPOSITION");
    assertThat(CitizenIdNumber.upgrade15(legacy)).isEqualTo(ID);
    assertThat(level(PersonComparisons.ID_NUMBER, person().id(legacy), person().id(ID))).isEqualTo("FORM_15_18");
    assertThat(level(PersonComparisons.ID_NUMBER, person().id(ID), person().id(TestPeople.idNumber("640104", "19911111", 7))))
        .isEqualTo("DIFFERENT");
    assertThat(level(PersonComparisons.ID_NUMBER, person().id(ID), person().id(null))).isEqualTo("MISSING");
    assertThat(level(PersonComparisons.ID_NUMBER, person().id(" "), person().id(ID))).isEqualTo("MISSING");
  }

  @Test
  void namesAgreeByCharactersByPinyinOrBySimilarPinyin() {
    assertThat(level(PersonComparisons.NAME, person(), person())).isEqualTo("EXACT");
    assertThat(level(PersonComparisons.NAME, person(), person().name("汪伟", "wang wei"))).isEqualTo("SAME_PINYIN");
    assertThat(level(PersonComparisons.NAME, person().name("王晓伟", "wang xiao wei"), person().name("王小伟", "wang xiao wei")))
        .isEqualTo("SAME_PINYIN");
    assertThat(level(PersonComparisons.NAME, person().name("王伟", "wang wei"), person().name("王威", "wang weii")))
        .isEqualTo("SIMILAR");
    assertThat(level(PersonComparisons.NAME, person(), person().name("李娜", "li na"))).isEqualTo("DIFFERENT");
    assertThat(level(PersonComparisons.NAME, person(), person().name(null, null))).isEqualTo("MISSING");
  }

  @Test
  void birthDatesAgreeExactlyOrByACommonSlip() {
    assertThat(level(PersonComparisons.BIRTH_DATE, person(), person())).isEqualTo("EXACT");
    assertThat(level(PersonComparisons.BIRTH_DATE, person(), person().birth("1980-05-13"))).as("one digit").isEqualTo("SLIP");
    assertThat(level(PersonComparisons.BIRTH_DATE, person(), person().birth("1980-12-05"))).as("day and month").isEqualTo("SLIP");
    assertThat(level(PersonComparisons.BIRTH_DATE, person(), person().birth("1908-05-12"))).as("swapped digits").isEqualTo("SLIP");
    assertThat(level(PersonComparisons.BIRTH_DATE, person(), person().birth("1985-07-30"))).isEqualTo("DIFFERENT");
    assertThat(level(PersonComparisons.BIRTH_DATE, person(), person().birth(null))).isEqualTo("MISSING");
  }

  @Test
  void anUnknownSexIsMissingNotADisagreement() {
    assertThat(level(PersonComparisons.SEX, person(), person())).isEqualTo("SAME");
    assertThat(level(PersonComparisons.SEX, person(), person().sex(Sex.FEMALE))).isEqualTo("DIFFERENT");
    assertThat(level(PersonComparisons.SEX, person(), person().sex(Sex.UNKNOWN))).isEqualTo("MISSING");
  }

  @Test
  void phonesAgreeExactlyOrByOneDigit() {
    assertThat(level(PersonComparisons.PHONE, person(), person())).isEqualTo("EXACT");
    assertThat(level(PersonComparisons.PHONE, person(), person().phone("13800001112"))).isEqualTo("ONE_DIGIT");
    assertThat(level(PersonComparisons.PHONE, person(), person().phone("13800010111"))).as("swapped").isEqualTo("ONE_DIGIT");
    assertThat(level(PersonComparisons.PHONE, person(), person().phone("13999998888"))).isEqualTo("DIFFERENT");
  }

  @Test
  void addressesAgreeDownTheHierarchy() {
    assertThat(level(PersonComparisons.ADDRESS, person(), person())).isEqualTo("SAME_HOUSE");
    assertThat(level(PersonComparisons.ADDRESS, person(), person().address("丽景湾小区", "3", "1", "101"))).isEqualTo("SAME_BUILDING");
    assertThat(level(PersonComparisons.ADDRESS, person(), person().address("丽景湾小区", "5", "2", "501"))).isEqualTo("SAME_COMPOUND");
    assertThat(level(PersonComparisons.ADDRESS, person(), person().address("唐徕华庭小区", "3", "2", "501"))).isEqualTo("DIFFERENT");
    assertThat(level(PersonComparisons.ADDRESS, person(), person().address(null, null, null, null))).isEqualTo("MISSING");
  }

  @Test
  void everyComparisonIsSymmetric() {
    TestPersons[] people = {person(), person().id(ID), person().name("汪伟", "wang wei").birth("1980-12-05"),
        person().phone("13800001211").address("丽景湾小区", "3", "1", "101"), person().id(TestPeople.legacyIdNumber("640106", "800512", 123))};
    for (Comparison<org.cdhub.model.entity.SilverPerson> c : PersonComparisons.all()) {
      for (TestPersons a : people) {
        for (TestPersons b : people) {
          assertThat(c.compare(a.silver(), b.silver())).as(c.name()).isEqualTo(c.compare(b.silver(), a.silver()));
        }
      }
    }
  }

  @Test
  void otherIdNumbersAgreeExactlyOrOneEditApart() {
    TestPersons p = person().otherId("7364009");

    assertThat(level(PersonComparisons.OTHER_ID_NUMBER, p, person().otherId("7364009"))).isEqualTo("EXACT");
    assertThat(level(PersonComparisons.OTHER_ID_NUMBER, person().otherId("E12345678"), person().otherId("e12345678")))
        .as("passport letters in any case").isEqualTo("EXACT");
    assertThat(level(PersonComparisons.OTHER_ID_NUMBER, p, person().otherId("7364008"))).as("a digit changed").isEqualTo("ONE_EDIT");
    assertThat(level(PersonComparisons.OTHER_ID_NUMBER, p, person().otherId("736409"))).as("a digit dropped").isEqualTo("ONE_EDIT");
    assertThat(level(PersonComparisons.OTHER_ID_NUMBER, p, person().otherId("73640091"))).as("a digit added").isEqualTo("ONE_EDIT");
    assertThat(level(PersonComparisons.OTHER_ID_NUMBER, p, person().otherId("7346009"))).as("neighbours swapped").isEqualTo("ONE_EDIT");
    assertThat(level(PersonComparisons.OTHER_ID_NUMBER, p, person().otherId("7364100"))).as("two digits changed").isEqualTo("DIFFERENT");
    assertThat(level(PersonComparisons.OTHER_ID_NUMBER, p, person().otherId("1804974"))).isEqualTo("DIFFERENT");
    assertThat(level(PersonComparisons.OTHER_ID_NUMBER, p, person())).isEqualTo("MISSING");
    assertThat(level(PersonComparisons.OTHER_ID_NUMBER, person().otherId(" "), p)).isEqualTo("MISSING");
  }

  @Test
  void theOtherIdNumberComesLastSoTheCitysPatternsKeepTheirPositions() {
    var names = PersonComparisons.all().stream().map(Comparison::name).toList();

    assertThat(names).containsExactly("id_number", "name", "birth_date", "sex", "phone", "address", "other_id_number");
    assertThat(PersonComparisons.defaultModel().size()).isEqualTo(names.size());
  }
}
