package org.cdhub.citygen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Collectors;
import org.cdhub.citygen.Places.Community;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CityPlanTest {
  @ParameterizedTest
  @ValueSource(ints = {1, 49, 300, 5_000, 100_000, 2_000_000})
  void splitsEveryResidentOverUniquelyCodedAndNamedCommunities(int people) {
    CityPlan plan = CityPlan.of(new CityGeneratorConfig(3, people, Path.of("unused")));
    assertThat(plan.communities().stream().mapToInt(Community::people).sum()).isEqualTo(people);
    assertThat(plan.communities().stream().map(Community::code).distinct()).hasSize(plan.communities().size());
    assertThat(plan.communities().stream().map(Community::name).distinct()).hasSize(plan.communities().size());
    plan.communities().forEach(c -> assertThat(c.code()).matches("\\d{12}").startsWith(c.street().code()));
    plan.communities().forEach(c -> assertThat(c.name()).endsWith("社区").doesNotContainPattern("[区县市镇乡小]社区$|[区县市镇乡小].*社区"));
  }

  @Test
  void largerCitiesHaveMoreCommunitiesAndEveryDistrictOnceThereAreSix() {
    CityPlan small = CityPlan.of(new CityGeneratorConfig(3, 300, Path.of("unused")));
    CityPlan large = CityPlan.of(new CityGeneratorConfig(3, 1_000_000, Path.of("unused")));
    assertThat(small.communities()).hasSize(6);
    assertThat(large.communities().size()).isBetween(250, 320);
    assertThat(small.communities().stream().map(c -> c.district().code()).collect(Collectors.toSet())).hasSize(6);
    long urban = large.communities().stream().filter(c -> c.street().kind() == Gazetteer.StreetKind.SUBDISTRICT).count();
    assertThat(urban).isGreaterThan(large.communities().size() / 2);
  }

  @Test
  void dhondtGivesSeatsInProportion() {
    assertThat(CityPlan.dhondt(new double[] {3, 1, 1}, 5)).containsExactly(3, 1, 1);
    assertThat(CityPlan.largestRemainder(new double[] {1, 1, 1}, 10)).containsExactly(4, 3, 3);
  }
}
