package org.cdhub.jobs.standardize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.cdhub.jobs.TestPeople;
import org.cdhub.kernel.Sex;
import org.cdhub.model.contract.SourceContract;
import org.cdhub.model.contract.SourceContracts;
import org.cdhub.model.entity.QuarantinedRecord;
import org.cdhub.model.entity.SilverPerson;
import org.junit.jupiter.api.Test;

class PersonStandardizerTest {
  private static final Instant INGESTED = Instant.parse("2026-11-02T08:00:00Z");
  private static final Instant NOW = Instant.parse("2026-11-02T09:00:00Z");
  private static final String ID = TestPeople.idNumber("640106", "19800101", 123);

  private final SourceContract contract = SourceContracts.loadBundled("hr_household");
  private final PersonStandardizer standardizer = new PersonStandardizer(FeedMapping.of(contract));

  private static Map<String, String> validRow() {
    Map<String, String> raw = new HashMap<>();
    raw.put("rkbh", "R001");
    raw.put("hh_no", "H01");
    raw.put("xm", "张三");
    raw.put("xb", "1");
    raw.put("csrq", "19800101");
    raw.put("sfzh", ID);
    raw.put("lxdh", "138 0013 8000");
    raw.put("hjdz", "金凤区长城中路街道丽景社区丽景湾小区3号楼2单元501室");
    raw.put("jwh_dm", "640106001001");
    return raw;
  }

  private StandardizeOutcome<SilverPerson> standardize(Map<String, String> raw) {
    return standardizer.standardize(new BronzeRecord("hr_household", raw.getOrDefault("rkbh", "R?"), "b1", INGESTED, raw), NOW);
  }

  private SilverPerson silver(Map<String, String> raw) {
    StandardizeOutcome<SilverPerson> outcome = standardize(raw);
    assertThat(outcome).isInstanceOf(StandardizeOutcome.Standardized.class);
    return ((StandardizeOutcome.Standardized<SilverPerson>) outcome).record();
  }

  private QuarantinedRecord quarantined(Map<String, String> raw) {
    StandardizeOutcome<SilverPerson> outcome = standardize(raw);
    assertThat(outcome).isInstanceOf(StandardizeOutcome.Quarantined.class);
    return ((StandardizeOutcome.Quarantined<SilverPerson>) outcome).record();
  }

  @Test
  void mapsAValidRowOntoSilverWithKernelStandardization() {
    SilverPerson p = silver(validRow());

    assertThat(p.sourceSystem()).isEqualTo("hr_household");
    assertThat(p.sourceRecordId()).isEqualTo("R001");
    assertThat(p.idNumber()).isEqualTo(ID);
    assertThat(p.name()).isEqualTo("张三");
    assertThat(p.namePinyin()).isEqualTo("zhangsan");
    assertThat(p.sex()).isEqualTo(Sex.MALE);
    assertThat(p.birthDate()).isEqualTo(LocalDate.of(1980, 1, 1));
    assertThat(p.phone()).isEqualTo("13800138000");
    assertThat(p.communityCode()).isEqualTo("640106001001");
    assertThat(p.householdNo()).isEqualTo("H01");
    assertThat(p.trustRank()).isEqualTo(95);
    assertThat(p.ingestedAt()).isEqualTo(INGESTED);
  }

  @Test
  void upgrades15DigitIdAndNotesIt() {
    Map<String, String> raw = validRow();
    raw.put("sfzh", TestPeople.legacyIdNumber("640106", "800101", 123));

    SilverPerson p = silver(raw);

    assertThat(p.idNumber()).isEqualTo(ID);
    assertThat(p.notes()).contains("ID_UPGRADED_FROM_15");
  }

  @Test
  void quarantinesWrongCheckDigitWithFieldRuleAndMaskedValue() {
    Map<String, String> raw = validRow();
    String wrong = TestPeople.withWrongCheckCharacter(ID);
    raw.put("sfzh", wrong);

    QuarantinedRecord q = quarantined(raw);

    assertThat(q.stage()).isEqualTo("STANDARDIZE");
    assertThat(q.field()).isEqualTo("sfzh");
    assertThat(q.rule()).isEqualTo("ID-CHECKSUM");
    assertThat(q.valueMasked()).doesNotContain(wrong).endsWith(wrong.substring(14)).startsWith("**************");
    assertThat(q.reason()).doesNotContain(wrong);
    assertThat(q.payload()).isNull();
    assertThat(q.quarantinedAt()).isEqualTo(NOW);
  }

  @Test
  void quarantinesMissingRequiredNameAsFieldRequired() {
    Map<String, String> raw = validRow();
    raw.put("xm", "  ");

    QuarantinedRecord q = quarantined(raw);

    assertThat(q.field()).isEqualTo("xm");
    assertThat(q.rule()).isEqualTo(PersonStandardizer.FIELD_REQUIRED);
  }

  @Test
  void namesEveryFailedRuleWhenSeveralFail() {
    Map<String, String> raw = validRow();
    raw.put("xm", null);
    raw.put("sfzh", TestPeople.withWrongCheckCharacter(ID));

    QuarantinedRecord q = quarantined(raw);

    assertThat(q.field()).isEqualTo("xm");
    assertThat(q.reason()).contains("also: sfzh ID-CHECKSUM");
  }

  @Test
  void quarantinesTenThousandCharacterNameWithABoundedMaskedValue() {
    Map<String, String> raw = validRow();
    raw.put("xm", "张".repeat(10_000));

    QuarantinedRecord q = quarantined(raw);

    assertThat(q.rule()).isEqualTo(PersonStandardizer.FIELD_MAX_LENGTH);
    assertThat(q.valueMasked().codePointCount(0, q.valueMasked().length())).isLessThanOrEqualTo(PersonStandardizer.MASKED_MAX_CHARS + 1);
  }

  @Test
  void dropsInvalidOptionalPhoneWithANoteInsteadOfQuarantining() {
    Map<String, String> raw = validRow();
    raw.put("lxdh", "12345");

    SilverPerson p = silver(raw);

    assertThat(p.phone()).isNull();
    assertThat(p.notes()).anyMatch(n -> n.endsWith(":lxdh"));
  }

  @Test
  void dropsCommunityCodeBreakingItsPatternWithANote() {
    Map<String, String> raw = validRow();
    raw.put("jwh_dm", "6401-bad");

    SilverPerson p = silver(raw);

    assertThat(p.communityCode()).isNull();
    assertThat(p.notes()).contains("FIELD-PATTERN:jwh_dm");
  }

  @Test
  void keepsSqlFragmentsAndControlCharactersInAddressAsData() {
    Map<String, String> raw = validRow();
    String hostile = "丽景湾小区'; DROP TABLE gold.person; --\u0007\u0000😀";
    raw.put("hjdz", hostile);

    SilverPerson p = silver(raw);

    assertThat(p.addressRaw()).isEqualTo(hostile);
  }

  @Test
  void fillsMissingBirthDateAndSexFromTheIdNumber() {
    Map<String, String> raw = validRow();
    raw.remove("csrq");
    raw.put("xb", "9");

    SilverPerson p = silver(raw);

    assertThat(p.birthDate()).isEqualTo(LocalDate.of(1980, 1, 1));
    assertThat(p.sex()).isEqualTo(Sex.MALE);
    assertThat(p.notes()).contains("BIRTH_DATE_FROM_ID", "SEX_FROM_ID");
  }

  @Test
  void escapesControlCharactersAndBoundsMaskedValues() {
    assertThat(PersonStandardizer.printable("a\u0000b")).isEqualTo("a\\u0000b");
    assertThat(PersonStandardizer.printable("x".repeat(500))).hasSize(PersonStandardizer.MASKED_MAX_CHARS + 1).endsWith("…");
  }

  @Test
  void rejectsContractMappingAnAttributeWithTheWrongFormat() {
    String yaml = SourceContractSetYaml.HR_LIKE.replace("format: citizen_id", "format: text");
    SourceContract bad = SourceContracts.parse(yaml, "bad.yaml");

    assertThatThrownBy(() -> FeedMapping.of(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("field sfzh maps to id_number but has format text");
  }

  /** A minimal person contract for mapping errors. */
  static final class SourceContractSetYaml {
    static final String HR_LIKE = """
        feed: mini_person
        title: mini
        owner_department: test
        entity: person
        sharing: {type: unconditional}
        update_cycle: daily
        trust_rank: 50
        format: {kind: jdbc_table, location: t}
        record_id: [id]
        fields:
          - {name: id, format: code, required: true}
          - {name: sfzh, maps_to: id_number, format: citizen_id}
        """;
  }
}
