package org.cdhub.api.returndata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.cdhub.model.entity.MasterPerson;
import org.junit.jupiter.api.Test;

class CommunityProjectionTest {
  static final String NORTH = "640106001001";
  static final String SOUTH = "640106001002";

  final List<MasterPerson> north = TestPersons.of(NORTH, 1, 30, 3);
  final List<String> northIds = north.stream().map(MasterPerson::masterId).sorted().toList();
  final CommunityProjection<MasterPerson> projection = persons(42L, all(north, TestPersons.of(SOUTH, 1, 7, 4)));

  @Test
  void pagesEachCommunityInMasterIdOrder() {
    assertThat(projection.after(NORTH, null, 10)).extracting(MasterPerson::masterId).containsExactlyElementsOf(northIds.subList(0, 10));
    assertThat(projection.after(NORTH, northIds.get(9), 10)).extracting(MasterPerson::masterId)
        .containsExactlyElementsOf(northIds.subList(10, 20));
    assertThat(projection.after(SOUTH, null, 100)).hasSize(7).extracting(MasterPerson::communityCode).containsOnly(SOUTH);
    assertThat(projection.snapshotId()).isEqualTo(42L);
    assertThat(projection.size()).isEqualTo(37);
    assertThat(projection.size(NORTH)).isEqualTo(30);
  }

  @Test
  void startsAfterAMasterIdThatIsNotInTheCommunity() {
    // a cursor's last id need not be present: the next page starts at the first greater id
    String between = northIds.get(4) + "~";

    assertThat(projection.after(NORTH, between, 2)).extracting(MasterPerson::masterId)
        .containsExactly(northIds.get(5), northIds.get(6));
  }

  @Test
  void answersNothingAfterTheLastPersonOrForAnUnknownCommunity() {
    assertThat(projection.after(NORTH, northIds.get(northIds.size() - 1), 10)).isEmpty();
    assertThat(projection.after("640106009999", null, 10)).isEmpty();
  }

  @Test
  void refusesADuplicateMasterIdInACommunity() {
    List<MasterPerson> twice = all(north, List.of(north.get(0)));

    assertThatThrownBy(() -> persons(7L, twice))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("snapshot 7")
        .hasMessageContaining("master id " + north.get(0).masterId() + " occurs twice in community " + NORTH);
  }

  @Test
  void refusesANonPositiveLimit() {
    assertThatThrownBy(() -> projection.after(NORTH, null, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot list gold.person: limit must be positive, was 0");
  }

  @Test
  void keepsOnlyRowsThatPassTheFilterAndFillsThePageFromFurtherOn() {
    List<String> tagged = north.stream().filter(p -> p.tags().contains("DISABLED")).map(MasterPerson::masterId)
        .sorted().toList();
    assertThat(tagged).as("the seeded persons include some with the tag").hasSizeGreaterThan(1);

    assertThat(projection.after(NORTH, null, 100, p -> p.tags().contains("DISABLED"))).extracting(MasterPerson::masterId)
        .containsExactlyElementsOf(tagged);
    assertThat(projection.after(NORTH, tagged.get(0), 1, p -> p.tags().contains("DISABLED")))
        .extracting(MasterPerson::masterId).containsExactly(tagged.get(1));
    assertThat(projection.after(NORTH, null, 10, p -> false)).isEmpty();
  }

  static CommunityProjection<MasterPerson> persons(long snapshotId, List<MasterPerson> rows) {
    return CommunityProjection.of("gold.person", snapshotId, rows, MasterPerson::communityCode, MasterPerson::masterId);
  }

  static List<MasterPerson> all(List<MasterPerson> a, List<MasterPerson> b) {
    List<MasterPerson> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
