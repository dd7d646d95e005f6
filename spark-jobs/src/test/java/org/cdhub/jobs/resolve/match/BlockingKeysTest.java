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

  @Test
  void recordsSharingOnlyAnOtherIdNumberShareABlock() {
    TestPersons bare = person().name(null, null).birth(null).phone(null).address(null, null, null, null);

    assertThat(shareABlock(bare.otherId("E1234567"), bare.otherId("e1234567"))).as("same number, any case").isTrue();
    assertThat(shareABlock(bare.otherId("E1234567"), bare.otherId("E7654321"))).isFalse();
    assertThat(shareABlock(bare.otherId("7364009"), bare.otherId("7364008"))).as("a digit changed").isTrue();
    assertThat(shareABlock(bare.otherId("7364009"), bare.otherId("736409"))).as("a digit dropped").isTrue();
    assertThat(shareABlock(bare.otherId("7364009"), bare.otherId("73640091"))).as("a digit added").isTrue();
    assertThat(shareABlock(bare.otherId("7364009"), bare.otherId("7346009"))).as("neighbours swapped").isTrue();
    assertThat(shareABlock(bare.otherId("7364009"), bare.otherId("7351009"))).as("two neighbouring digits changed").isFalse();
    assertThat(shareABlock(bare.otherId("12345"), bare.otherId("12346"))).as("short numbers meet only when equal").isFalse();
    assertThat(BlockingKeys.of(bare.otherId(" ").silver())).as("a blank number makes no key").isEmpty();
  }
}
