package org.cdhub.jobs.resolve.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cdhub.jobs.resolve.match.TestPersons.person;

import java.util.List;
import org.cdhub.jobs.TestPeople;
import org.cdhub.model.entity.SilverPerson;
import org.junit.jupiter.api.Test;

class PersonMatchRulesTest {
  static ComparisonPattern pattern(SilverPerson a, SilverPerson b) {
    List<Comparison<SilverPerson>> all = PersonComparisons.all();
    int[] levels = new int[all.size()];
    for (int k = 0; k < levels.length; k++) {
      levels[k] = all.get(k).compare(a, b);
    }
    return ComparisonPattern.of(levels);
  }

  static PersonMatchRules.Decision decide(TestPersons a, TestPersons b, MatchBand scored) {
    return PersonMatchRules.decide(a.silver(), b.silver(), pattern(a.silver(), b.silver()), scored);
  }

  @Test
  void twoDifferentValidIdNumbersNeverMergeHoweverAlikeTheRest() {
    TestPersons a = person().id(TestPeople.idNumber("640106", "19800512", 11));
    TestPersons b = person().id(TestPeople.idNumber("640106", "19800512", 13));

    PersonMatchRules.Decision d = decide(a, b, MatchBand.AUTO_MATCH);

    assertThat(d.band()).isEqualTo(MatchBand.NON_MATCH);
    assertThat(d.rule()).isEqualTo(PersonMatchRules.DIFFERENT_VALID_ID_NUMBERS);
    assertThat(PersonMatchRules.cannotLink(a.silver(), b.silver())).isTrue();
  }

  @Test
  void aValidAndAnInvalidIdNumberMayStillBeOnePerson() {
    String id = TestPeople.idNumber("640106", "19800512", 11);
    TestPersons a = person().id(id);
    TestPersons b = person().id(TestPeople.withWrongCheckCharacter(id));

    assertThat(PersonMatchRules.cannotLink(a.silver(), b.silver())).isFalse();
    assertThat(decide(a, b, MatchBand.AUTO_MATCH).band()).isEqualTo(MatchBand.AUTO_MATCH);
  }

  @Test
  void householdMembersSharingSurnameHouseAndPhoneStayApartWithoutStrongEvidence() {
    TestPersons father = person();
    TestPersons son = person().name("王小明", "wang xiao ming").birth("2008-03-01");
    TestPersons twin = person().name("王伟杰", "wang wei jie");

    assertThat(decide(father, son, MatchBand.REVIEW)).isEqualTo(new PersonMatchRules.Decision(MatchBand.NON_MATCH, PersonMatchRules.LIKELY_RELATIVES));
    assertThat(decide(father, twin, MatchBand.AUTO_MATCH)).as("same birthday, similar name: a person decides")
        .isEqualTo(new PersonMatchRules.Decision(MatchBand.REVIEW, PersonMatchRules.LIKELY_RELATIVES));
    assertThat(decide(father, person().name("王芳", "wang fang"), MatchBand.AUTO_MATCH).band()).as("same birthday, different name")
        .isEqualTo(MatchBand.NON_MATCH);
  }

  @Test
  void strongEvidenceKeepsTheScoredBandForRecordsOfOneHousehold() {
    TestPersons a = person();
    TestPersons typo = person().name("王纬", "wang wei");
    String id = TestPeople.idNumber("640106", "19800512", 11);

    assertThat(decide(a, typo, MatchBand.AUTO_MATCH)).isEqualTo(new PersonMatchRules.Decision(MatchBand.AUTO_MATCH, null));
    assertThat(decide(a.id(id).birth("1980-05-13").name("王伟东", "wang wei dong"), a.id(id), MatchBand.AUTO_MATCH).band())
        .as("the ID number agrees").isEqualTo(MatchBand.AUTO_MATCH);
    assertThat(decide(a, person().name("李娜", "li na"), MatchBand.NON_MATCH).rule()).as("a non-match needs no rule").isNull();
  }
}
