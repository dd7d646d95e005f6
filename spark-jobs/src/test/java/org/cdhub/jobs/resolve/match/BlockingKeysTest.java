package org.cdhub.jobs.resolve.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cdhub.jobs.resolve.match.TestPersons.person;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cdhub.jobs.TestPeople;
import org.junit.jupiter.api.Test;

class BlockingKeysTest {
  static boolean shareABlock(TestPersons a, TestPersons b) {
    Set<String> keys = new HashSet<>(BlockingKeys.of(a.silver()));
    return BlockingKeys.of(b.silver()).stream().anyMatch(keys::contains);
  }

  @Test
  void aPairWithAnyOneAttributeWrongStillSharesABlock() {
    TestPersons p = person().id(TestPeople.idNumber("640106", "19800512", 11));

    assertThat(shareABlock(p, p.id(null))).as("ID number missing").isTrue();
    assertThat(shareABlock(p, p.id(null).birth("1980-12-05"))).as("and the birth date slipped").isTrue();
    assertThat(shareABlock(p, p.id(null).name("汪伟", "wang wei").phone(null))).as("a homophone name, no phone").isTrue();
    assertThat(shareABlock(p, p.id(null).phone(null).address(null, null, null, null))).as("name and birth date only").isTrue();
  }

  @Test
  void unrelatedRecordsShareNoBlockAndAbsentValuesMakeNoKey() {
    TestPersons other = person().name("李娜", "li na").birth("1991-01-01").phone("13700000000").address("唐徕华庭小区", "1", "1", "101");

    assertThat(shareABlock(person(), other)).isFalse();
    List<String> keys = BlockingKeys.of(person().name(null, null).birth(null).phone(null).address(null, null, null, null).silver());
    assertThat(keys).isEmpty();
  }
}
