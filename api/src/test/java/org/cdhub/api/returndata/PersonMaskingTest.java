package org.cdhub.api.returndata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.cdhub.catalog.grant.UnmaskableField;
import org.cdhub.kernel.Sex;
import org.cdhub.model.entity.MasterPerson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class PersonMaskingTest {
  static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

  @ParameterizedTest
  @CsvSource({
      "2026-11-20, 0-9",
      "2017-11-21, 0-9",
      "2016-11-20, 10-19",
      "1966-11-21, 50-59",
      "1966-11-20, 60-69",
      "1937-01-01, 80-89",
      "1936-11-20, 90+",
      "1900-01-01, 90+"})
  void bandsAgeInWholeYearsByDecade(LocalDate birth, String band) {
    assertThat(PersonMasking.ageBand(birth, TODAY)).isEqualTo(band);
  }

  @Test
  void givesNoBandWithoutABirthDateOrWithOneInTheFuture() {
    assertThat(PersonMasking.ageBand(null, TODAY)).isNull();
    assertThat(PersonMasking.ageBand(TODAY.plusDays(1), TODAY)).isNull();
  }

  @Test
  void countsAgeOnTheDayInChinaNotInUtc() {
    // 2026-11-19T17:00Z is already 2026-11-20 in Yinchuan: a person born 1966-11-20 has turned 60
    Clock clock = Clock.fixed(Instant.parse("2026-11-19T17:00:00Z"), ZoneOffset.UTC);
    MasterPerson p = person(LocalDate.of(1966, 11, 20));

    assertThat(new PersonMasking(clock).mask(p).ageBand()).isEqualTo("60-69");
  }

  @Test
  void masksPersonalFieldsAndKeepsCodesAndTags() {
    Clock clock = Clock.fixed(Instant.parse("2026-11-20T02:00:00Z"), ZoneOffset.UTC);

    MaskedPerson shown = new PersonMasking(clock).mask(person(LocalDate.of(1954, 3, 12)));

    assertThat(shown.idNumber()).isEqualTo("**************1234");
    assertThat(shown.name()).isEqualTo("张*丰");
    assertThat(shown.phone()).isEqualTo("139****5678");
    assertThat(shown.address()).doesNotContain("501").startsWith("金凤区");
    assertThat(shown.birthYear()).isEqualTo(1954);
    assertThat(shown.ageBand()).isEqualTo("70-79");
    assertThat(shown.masterId()).isEqualTo("P-1");
    assertThat(shown.communityCode()).isEqualTo("640106001001");
    assertThat(shown.gridCode()).isEqualTo("64010600100101");
    assertThat(shown.tags()).containsExactly("ELDERLY_ALONE");
    assertThat(shown.sex()).isEqualTo(Sex.MALE);
  }

  /** Each sensitive field alone: as stored with a grant for it, masked without one, and the others masked either way. */
  @ParameterizedTest
  @EnumSource(UnmaskableField.class)
  void unmasksOnlyTheGrantedField(UnmaskableField granted) {
    Clock clock = Clock.fixed(Instant.parse("2026-11-20T02:00:00Z"), ZoneOffset.UTC);
    MasterPerson stored = person(LocalDate.of(1954, 3, 12));
    PersonMasking masking = new PersonMasking(clock);

    MaskedPerson masked = masking.mask(stored);
    MaskedPerson shown = masking.mask(stored, EnumSet.of(granted));

    Map<UnmaskableField, String> storedValues = Map.of(UnmaskableField.ID_NUMBER, stored.idNumber(),
        UnmaskableField.NAME, stored.name(), UnmaskableField.PHONE, stored.phone(), UnmaskableField.ADDRESS, stored.address());
    for (UnmaskableField field : UnmaskableField.values()) {
      String value = valueOf(shown, field);
      if (field == granted) {
        assertThat(value).as(field.fieldName()).isEqualTo(storedValues.get(field));
      } else {
        assertThat(value).as(field.fieldName()).isEqualTo(valueOf(masked, field)).isNotEqualTo(storedValues.get(field));
      }
      assertThat(valueOf(masked, field)).as("default " + field.fieldName()).isNotEqualTo(storedValues.get(field));
    }
    // the birth date has no grant: year and band only, whatever is unmasked
    assertThat(shown.birthYear()).isEqualTo(1954);
    assertThat(shown.ageBand()).isEqualTo("70-79");
  }

  @Test
  void everyFieldAGrantCanUnmaskIsAPersonalFieldOfTheSchema() {
    PersonMasking.requireEveryUnmaskableFieldPersonal(MasterPerson.class);
    record NotPersonal(String idNumber, String name, String phone, String address) {}

    assertThatThrownBy(() -> PersonMasking.requireEveryUnmaskableFieldPersonal(NotPersonal.class))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Cannot serve NotPersonal: grants can unmask idNumber, which is not a personal field of the schema");
  }

  private static String valueOf(MaskedPerson p, UnmaskableField field) {
    return switch (field) {
      case ID_NUMBER -> p.idNumber();
      case NAME -> p.name();
      case PHONE -> p.phone();
      case ADDRESS -> p.address();
    };
  }

  @Test
  void keepsMissingFieldsMissing() {
    MasterPerson bare = new MasterPerson("P-2", null, null, null, null, null, null, null, null, null, null,
        "640106001001", null, null, null, null, 1, null);

    MaskedPerson shown = new PersonMasking(Clock.systemUTC()).mask(bare);

    assertThat(shown.name()).isNull();
    assertThat(shown.idNumber()).isNull();
    assertThat(shown.phone()).isNull();
    assertThat(shown.address()).isNull();
    assertThat(shown.birthYear()).isNull();
    assertThat(shown.sex()).isEqualTo(Sex.UNKNOWN);
    assertThat(shown.tags()).isEmpty();
  }

  private static MasterPerson person(LocalDate birth) {
    return new MasterPerson("P-1", "64010619540312123" + "4", null, "张三丰", "zhangsanfeng", Sex.MALE, birth,
        "13912345678", "金凤区长城中路街道丽景社区丽景湾小区3号楼2单元501室", "H-1", "640106",
        "640106001001", "64010600100101", List.of("ELDERLY_ALONE"), null, Map.of(), 1, Instant.EPOCH);
  }

  /** A person type with a personal field the API has no masking for. */
  record PersonWithBadge(
      @org.cdhub.model.schema.Sensitive(org.cdhub.model.schema.Sensitivity.PERSONAL) String name,
      @org.cdhub.model.schema.Sensitive(org.cdhub.model.schema.Sensitivity.SENSITIVE_PERSONAL) String badgeNumber,
      String communityCode) {}

  @org.junit.jupiter.api.Test
  void coversEveryPersonalFieldTheSchemaMarksAndRefusesAnUncoveredOne() {
    // the schema's person: every @Sensitive personal field has a handling (the constructor checks it)
    java.util.Set<String> personal = new java.util.HashSet<>();
    for (java.lang.reflect.RecordComponent c : org.cdhub.model.entity.MasterPerson.class.getRecordComponents()) {
      org.cdhub.model.schema.Sensitive s = c.getAnnotation(org.cdhub.model.schema.Sensitive.class);
      if (s != null && s.value().isPersonal()) {
        personal.add(c.getName());
      }
    }
    org.assertj.core.api.Assertions.assertThat(personal).contains("idNumber", "phone", "birthDate");
    org.assertj.core.api.Assertions.assertThat(PersonMasking.PERSONAL_FIELDS.keySet()).containsAll(personal);

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> PersonMasking.requireEveryPersonalFieldHandled(PersonWithBadge.class, java.util.Set.of("name")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("badgeNumber").hasMessageContaining("SENSITIVE_PERSONAL");
  }

  @Test
  void masksAnAddressSeenBeforeExactlyAsTheKernelDoes() {
    PersonMasking masking = new PersonMasking(java.time.Clock.systemUTC());
    java.util.List<MasterPerson> persons = TestPersons.of("640106001001", 1, 30, 21);

    for (int round = 0; round < 2; round++) {
      for (MasterPerson person : persons) {
        assertThat(masking.mask(person).address()).isEqualTo(org.cdhub.kernel.Masking.address(person.address()));
      }
    }
  }
}
