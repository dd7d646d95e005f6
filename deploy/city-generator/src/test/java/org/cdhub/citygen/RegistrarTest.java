package org.cdhub.citygen;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.cdhub.kernel.CitizenIdNumber;
import org.cdhub.kernel.CreditCode;
import org.cdhub.kernel.MobileNumber;
import org.cdhub.kernel.Sex;
import org.junit.jupiter.api.Test;

class RegistrarTest {
  private final Registrar registrar = new Registrar(1, 10_000);
  private final CityRandom rng = CityRandom.stream(1, "test", 0);

  @Test
  void issuesUniqueValidIdNumbersWhoseParityGivesTheSex() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 5_000; i++) {
      Sex sex = i % 2 == 0 ? Sex.MALE : Sex.FEMALE;
      // one birthday for all: the sequence numbers of one day and region must not repeat
      String id = registrar.idNumber(rng, Gazetteer.JINFENG, LocalDate.of(1990, 5, 17), sex, i % 3 != 0);
      var checked = CitizenIdNumber.check(id);
      assertThat(checked.valid()).as(id).isTrue();
      assertThat(checked.value().sex()).isEqualTo(sex);
      assertThat(checked.value().birthDate()).isEqualTo(LocalDate.of(1990, 5, 17));
      assertThat(seen.add(id)).as(id).isTrue();
    }
  }

  @Test
  void usesTheDistrictCodesOfTheTimeOfBirth() {
    String before = registrar.idNumber(rng, Gazetteer.JINFENG, LocalDate.of(1980, 1, 2), Sex.MALE, true);
    String after = registrar.idNumber(rng, Gazetteer.JINFENG, LocalDate.of(2010, 1, 2), Sex.MALE, true);
    assertThat(before.substring(0, 6)).isIn(Gazetteer.JINFENG.legacyCodes());
    assertThat(after).startsWith("640106");
  }

  @Test
  void issuesValidCreditCodesWithOrganizationCodeCheck() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 2_000; i++) {
      LocalDate established = LocalDate.of(2000 + i % 25, 3, 1);
      String code = registrar.creditCode(rng, i % 3 == 0 ? '2' : '1', "640104", established);
      assertThat(CreditCode.check(code).valid()).as(code).isTrue();
      assertThat(code.substring(8, 16)).matches("[0-9A-Z]{8}");
      assertThat(code.charAt(16)).isEqualTo(Registrar.organizationCodeCheck(code.substring(8, 16)));
      assertThat(code.substring(8, 10).equals("MA")).isEqualTo(established.getYear() >= 2016);
      assertThat(seen.add(code)).isTrue();
    }
  }

  @Test
  void organizationCodeCheckFollowsGb11714() {
    // D2143569-? : 13*3+2*7+1*9+4*10+3*5+5*8+6*4+9*2 = 199, 11 - 199 % 11 = 10 -> X
    assertThat(Registrar.organizationCodeCheck("D2143569")).isEqualTo('X');
    assertThat(Registrar.organizationCodeCheck("00000000")).isEqualTo('0');
  }

  @Test
  void issuesUniqueMobileNumbersAndPlates() {
    Set<String> phones = new HashSet<>();
    Set<String> plates = new HashSet<>();
    for (int i = 0; i < 3_000; i++) {
      String phone = registrar.mobile(rng);
      assertThat(MobileNumber.check(phone).valid()).isTrue();
      assertThat(phones.add(phone)).isTrue();
      String plate = registrar.plate(rng);
      assertThat(plate).matches("宁A[0-9A-Z]{5,6}");
      assertThat(plates.add(plate)).isTrue();
    }
    assertThat(MobileNumber.check(Registrar.landline(rng)).valid()).isFalse();
  }
}
