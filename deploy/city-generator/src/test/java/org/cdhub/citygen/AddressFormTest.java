package org.cdhub.citygen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.cdhub.citygen.Places.CommunityPopulation;
import org.cdhub.citygen.Places.House;
import org.cdhub.kernel.AddressParser;
import org.cdhub.kernel.ParsedAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every spelling the exports use parses back (with the kernel) to the true building, unit and room. */
class AddressFormTest {
  static final List<CommunityPopulation> COMMUNITIES;

  static {
    CityPlan plan = CityPlan.of(new CityGeneratorConfig(11, 1_200, Path.of("unused")));
    CityBuilder builder = new CityBuilder(plan);
    COMMUNITIES = plan.communities().stream().map(builder::build).toList();
  }

  @ParameterizedTest
  @EnumSource(AddressForm.class)
  void parsesBackToTheTrueHouse(AddressForm form) {
    int checked = 0;
    for (CommunityPopulation c : COMMUNITIES) {
      for (House h : c.houses().subList(0, Math.min(40, c.houses().size()))) {
        String text = form.render(h);
        ParsedAddress parsed = AddressParser.parse(text);
        assertThat(parsed.building()).as(text).isEqualTo(String.valueOf(h.building().number()));
        assertThat(parsed.unit()).as(text).isEqualTo(String.valueOf(h.unit()));
        assertThat(parsed.room()).as(text).isEqualTo(h.room());
        assertThat(parsed.compound()).as(text).startsWith(AddressForm.shortName(h.compound()));
        if (form == AddressForm.DISTRICT_FULL || form == AddressForm.CITY_FULL || form == AddressForm.PROVINCE_FULL) {
          assertThat(parsed.district()).as(text).isEqualTo(h.community().district().name());
          assertThat(parsed.street()).as(text).isEqualTo(h.community().street().name());
          assertThat(parsed.community()).as(text).isEqualTo(h.community().name());
        }
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(100);
  }

  @ParameterizedTest
  @EnumSource(AddressForm.class)
  void formsOtherThanTheStandardOneReadDifferently(AddressForm form) {
    House h = COMMUNITIES.get(0).houses().get(5);
    String standard = AddressForm.DISTRICT_FULL.render(h);
    assertThat(form.render(h).equals(standard)).isEqualTo(form == AddressForm.DISTRICT_FULL);
  }
}
