package org.cdhub.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JurisdictionTest {
  static final String COMMUNITY = "640106001001";

  @Test
  void aDistrictOrStreetCodeCoversEveryCommunityUnderIt() {
    Jurisdiction district = Jurisdiction.of(List.of("640106"));
    Jurisdiction street = Jurisdiction.of(List.of("640106001"));

    assertThat(district.covers("640106001001")).isTrue();
    assertThat(district.covers("640106099123")).isTrue();
    assertThat(district.covers("640104001001")).isFalse();
    assertThat(street.covers("640106001007")).isTrue();
    assertThat(street.covers("640106002001")).isFalse();
    assertThat(district.scopeIn(COMMUNITY)).hasValue(CommunityScope.whole(COMMUNITY));
  }

  @Test
  void aCommunityCodeCoversItselfOnly() {
    Jurisdiction community = Jurisdiction.of(List.of(COMMUNITY));

    assertThat(community.covers(COMMUNITY)).isTrue();
    assertThat(community.covers("640106001002")).isFalse();
    // a code is a prefix only of longer codes: "640106001001" is not under "640106001001" of another length
    assertThat(community.covers("640106")).isFalse();
  }

  @Test
  void aGridCodeOpensItsCommunityButOnlyItsGridsRecords() {
    Jurisdiction grids = Jurisdiction.of(List.of(COMMUNITY + "002", COMMUNITY + "003", "640106001002001"));

    CommunityScope scope = grids.scopeIn(COMMUNITY).orElseThrow();
    assertThat(grids.covers(COMMUNITY)).isTrue();
    assertThat(grids.coversWhole(COMMUNITY)).isFalse();
    assertThat(scope.whole()).isFalse();
    assertThat(scope.grids()).containsExactlyInAnyOrder(COMMUNITY + "002", COMMUNITY + "003");
    assertThat(scope.sees(COMMUNITY + "002")).isTrue();
    assertThat(scope.sees(COMMUNITY + "001")).isFalse();
    assertThat(scope.sees(null)).as("a record without a grid").isFalse();
    assertThat(scope.auditScope()).isEqualTo("community:640106001001/grid:640106001001002,640106001001003");
    assertThat(grids.covers("640106001003")).isFalse();
  }

  @Test
  void aWiderCodeWinsOverGridsOfTheSameCommunity() {
    Jurisdiction mixed = Jurisdiction.of(List.of(COMMUNITY + "002", "640106001"));

    assertThat(mixed.scopeIn(COMMUNITY)).hasValue(CommunityScope.whole(COMMUNITY));
    assertThat(CommunityScope.whole(COMMUNITY).sees(null)).isTrue();
    assertThat(CommunityScope.whole(COMMUNITY).auditScope()).isEqualTo("community:" + COMMUNITY);
  }

  @Test
  void mayReadOnlyWhatItSeesWholeSoEndpointsWithoutAGridFilterRefuseGridClients() {
    ApiClient gridWorker = new ApiClient("grid-worker", "patrol", Set.of(COMMUNITY + "001"));
    ApiClient street = new ApiClient("street", "care", Set.of("640106001"));

    assertThat(gridWorker.mayRead(COMMUNITY)).isFalse();
    assertThat(gridWorker.jurisdiction().covers(COMMUNITY)).isTrue();
    assertThat(street.mayRead(COMMUNITY)).isTrue();
    assertThat(street.mayRead(null)).isFalse();
  }

  @Test
  void refusesACodeOfNoLevelAndAnEmptyJurisdiction() {
    assertThatThrownBy(() -> Jurisdiction.of(List.of("6401061")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid jurisdiction code 6401061: must be a district (6 digits), street (9), community (12) or grid (15) code");
    assertThatThrownBy(() -> Jurisdiction.of(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid jurisdiction: must name at least one code");
    assertThat(Jurisdiction.of(List.of("640106")).covers("64010600100")).as("not a community code").isFalse();
  }
}
