package org.cdhub.jobs.standardize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.cdhub.model.contract.SourceContracts;
import org.cdhub.model.entity.PlaceMatch;
import org.cdhub.model.entity.QuarantinedRecord;
import org.cdhub.model.entity.SilverPerson;
import org.junit.jupiter.api.Test;

/**
 * Contract features for sources that split what silver holds whole: a name in surname and given
 * name, an address in several fields, values padded with spaces, and an identity number that is
 * not a citizen ID.
 */
class PersonStandardizerPartsTest {
  private static final Instant NOW = Instant.parse("2026-12-06T09:00:00Z");

  /** A register keeping names and addresses in parts (Chinese or Latin), with a passport number. */
  private static final String PARTS = """
      feed: parts_register
      title: parts
      owner_department: test
      entity: person
      sharing: {type: unconditional}
      update_cycle: daily
      trust_rank: 40
      format: {kind: csv_file, location: parts.csv}
      record_id: [id]
      fields:
        - {name: id, format: code, required: true}
        - {name: family, maps_to: surname, format: text, required: %s, sensitivity: personal}
        - {name: given, maps_to: given_name, format: text, sensitivity: personal}
        - {name: house_no, maps_to: address, format: text}
        - {name: street, maps_to: address, format: text}
        - {name: town, maps_to: address, format: text}
        - {name: born, maps_to: birth_date, format: date, pattern: "yyyyMMdd"}
        - {name: passport, maps_to: other_id_number, format: code, sensitivity: sensitive_personal}
      """;

  private static PersonStandardizer standardizer(boolean surnameRequired) {
    return new PersonStandardizer(FeedMapping.of(SourceContracts.parse(PARTS.formatted(surnameRequired), "parts.yaml")));
  }

  private static Map<String, String> row(String family, String given) {
    Map<String, String> raw = new HashMap<>();
    raw.put("id", "P1");
    raw.put("family", family);
    raw.put("given", given);
    raw.put("house_no", "69");
    raw.put("street", "giblin street");
    raw.put("town", "killarney");
    raw.put("born", "19990219");
    raw.put("passport", "E1234567");
    return raw;
  }

  private static StandardizeOutcome<SilverPerson> standardize(PersonStandardizer s, Map<String, String> raw) {
    return s.standardize(new BronzeRecord("parts_register", "P1", "b1", NOW, raw), NOW);
  }

  private static SilverPerson silver(Map<String, String> raw) {
    StandardizeOutcome<SilverPerson> outcome = standardize(standardizer(false), raw);
    assertThat(outcome).isInstanceOf(StandardizeOutcome.Standardized.class);
    return ((StandardizeOutcome.Standardized<SilverPerson>) outcome).record();
  }

  @Test
  void composesALatinNameGivenNameFirstWithItsLetterKey() {
    SilverPerson p = silver(row("berry", "lachlan"));

    assertThat(p.name()).isEqualTo("Lachlan Berry");
    assertThat(p.namePinyin()).isEqualTo("lachlanberry");
  }

  @Test
  void composesAChineseNameSurnameFirstWithoutASpace() {
    SilverPerson p = silver(row("欧阳", "娜娜"));

    assertThat(p.name()).isEqualTo("欧阳娜娜");
    assertThat(p.namePinyin()).isEqualTo("ouyangnana");
  }

  @Test
  void keepsTheOnePartGivenAndHasNoNameWithoutEither() {
    assertThat(silver(row(null, "lachlan")).name()).isEqualTo("Lachlan");
    assertThat(silver(row("berry", " ")).name()).isEqualTo("Berry");
    assertThat(silver(row(null, null)).name()).isNull();
  }

  @Test
  void aComposedNameBreakingAKernelRuleIsQuarantinedUnderTheSurnameField() {
    StandardizeOutcome<SilverPerson> outcome = standardize(standardizer(true), row("berry2", "lachlan"));

    assertThat(outcome).isInstanceOf(StandardizeOutcome.Quarantined.class);
    QuarantinedRecord q = ((StandardizeOutcome.Quarantined<SilverPerson>) outcome).record();
    assertThat(q.field()).isEqualTo("family");
    assertThat(q.rule()).isEqualTo("NAME-DIGIT");
    assertThat(q.valueMasked()).doesNotContain("berry");
  }

  @Test
  void joinsAddressPartsInContractOrderSkippingBlankOnes() {
    Map<String, String> raw = row("berry", "lachlan");
    assertThat(silver(raw).addressRaw()).isEqualTo("69 giblin street killarney");

    raw.put("street", " ");
    SilverPerson p = silver(raw);
    assertThat(p.addressRaw()).isEqualTo("69 killarney");
    assertThat(p.placeMatch()).isEqualTo(PlaceMatch.UNMATCHED);
  }

  @Test
  void valuesPaddedWithSpacesStandardizeAsTheBareOnes() {
    Map<String, String> padded = new HashMap<>();
    row("berry", "lachlan").forEach((k, v) -> padded.put(k, k.equals("id") ? v : " " + v));

    SilverPerson bare = silver(row("berry", "lachlan"));
    SilverPerson p = silver(padded);

    assertThat(p.name()).isEqualTo(bare.name()).isEqualTo("Lachlan Berry");
    assertThat(p.birthDate()).isEqualTo(bare.birthDate()).isEqualTo(LocalDate.of(1999, 2, 19));
    assertThat(p.otherIdNumber()).isEqualTo(bare.otherIdNumber()).isEqualTo("E1234567");
    assertThat(p.addressRaw()).isEqualTo(bare.addressRaw()).isEqualTo("69 giblin street killarney");
    assertThat(p.notes()).isEqualTo(bare.notes());
  }

  @Test
  void standardizesTheOtherIdNumberAsAnIdentifierAndDropsAnUnreadableOne() {
    Map<String, String> raw = row("berry", "lachlan");
    raw.put("passport", "e 123 4567");
    assertThat(silver(raw).otherIdNumber()).isEqualTo("E1234567");

    raw.put("passport", "E123４5６7号");
    SilverPerson p = silver(raw);
    assertThat(p.otherIdNumber()).isNull();
    assertThat(p.notes()).contains("IDENTIFIER-CHARSET:passport");
  }

  @Test
  void refusesAContractMappingTheWholeNameAndItsParts() {
    String both = PARTS.formatted(false) + "  - {name: full, maps_to: name, format: text}\n";

    assertThatThrownBy(() -> FeedMapping.of(SourceContracts.parse(both, "both.yaml")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("parts_register").hasMessageContaining("name and to surname or given_name");
  }

  @Test
  void citysFeedsStillRefuseTwoFieldsForOneAttributeThatIsNotComposable() {
    String twice = PARTS.formatted(false) + "  - {name: passport2, maps_to: other_id_number, format: code}\n";

    assertThatThrownBy(() -> FeedMapping.of(SourceContracts.parse(twice, "twice.yaml")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two fields map to other_id_number");
  }

  @Test
  void theFebrlBenchmarkContractMapsAPaddedRecord() {
    var contract = SourceContracts.loadDirectory(Path.of("../deploy/benchmarks/febrl")).get("febrl");
    PersonStandardizer febrl = new PersonStandardizer(FeedMapping.of(contract));
    Map<String, String> raw = new HashMap<>();
    // made-up values in the data sets' layout: a comma and one space before every value but the first
    raw.put("rec_id", "rec-1-dup-0");
    raw.put("given_name", " ada");
    raw.put("surname", " quill");
    raw.put("street_number", " 7");
    raw.put("address_1", " banksia place");
    raw.put("address_2", " ");
    raw.put("suburb", " hill end");
    raw.put("postcode", " 2850");
    raw.put("state", " nsw");
    raw.put("date_of_birth", " 19720304");
    raw.put("soc_sec_id", " 1234567");

    StandardizeOutcome<SilverPerson> outcome = febrl.standardize(new BronzeRecord("febrl", "rec-1-dup-0", "b1", NOW, raw), NOW);

    assertThat(outcome).isInstanceOf(StandardizeOutcome.Standardized.class);
    SilverPerson p = ((StandardizeOutcome.Standardized<SilverPerson>) outcome).record();
    assertThat(p.name()).isEqualTo("Ada Quill");
    assertThat(p.namePinyin()).isEqualTo("adaquill");
    assertThat(p.addressRaw()).isEqualTo("7 banksia place hill end 2850 nsw");
    assertThat(p.birthDate()).isEqualTo(LocalDate.of(1972, 3, 4));
    assertThat(p.otherIdNumber()).isEqualTo("1234567");
    assertThat(p.idNumber()).isNull();
  }
}
