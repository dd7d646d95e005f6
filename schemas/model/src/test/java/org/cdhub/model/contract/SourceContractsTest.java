package org.cdhub.model.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.cdhub.model.entity.EntityType;
import org.cdhub.model.schema.Sensitivity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceContractsTest {

  private static final String MINIMAL = """
      feed: ca_elderly
      title: 高龄老人名册
      owner_department: 民政局
      entity: person
      sharing: {type: unconditional}
      update_cycle: monthly
      trust_rank: 70
      format: {kind: csv_file, encoding: GBK, location: "ca_elderly_*.csv"}
      record_id: [xh]
      fields:
        - {name: xh, required: true, format: code}
        - {name: sfzh, maps_to: id_number, format: citizen_id, sensitivity: sensitive_personal, trust_rank: 80}
      """;

  @Test
  void parsesAMinimalContractWithDefaults() {
    SourceContract c = SourceContracts.parse(MINIMAL, "ca_elderly.yaml");

    assertThat(c.feed()).isEqualTo("ca_elderly");
    assertThat(c.entity()).isEqualTo(EntityType.PERSON);
    assertThat(c.format().encoding()).isEqualTo(Charset.forName("GBK"));
    assertThat(c.format().kind()).isEqualTo(SourceKind.CSV_FILE);
    assertThat(c.field("xh")).get().extracting(FieldSpec::sensitivity).isEqualTo(Sensitivity.INTERNAL);
    assertThat(c.fieldMappedTo("id_number")).get().extracting(FieldSpec::name).isEqualTo("sfzh");
  }

  @Test
  void attributeTrustOverridesFeedTrust() {
    SourceContract c = SourceContracts.parse(MINIMAL, "ca_elderly.yaml");

    assertThat(c.trustOf(c.field("sfzh").orElseThrow())).isEqualTo(80);
    assertThat(c.trustOf(c.field("xh").orElseThrow())).isEqualTo(70);
  }

  @Test
  void rejectsUnknownKeysNamingFileAndPath() {
    String typo = MINIMAL.replace("{name: xh, required: true", "{name: xh, requried: true");

    assertThatThrownBy(() -> SourceContracts.parse(typo, "ca_elderly.yaml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ca_elderly.yaml")
        .hasMessageContaining("fields[0].requried");
  }

  @Test
  void rejectsUnknownEnumValuesListingTheAllowedOnes() {
    String bad = MINIMAL.replace("kind: csv_file", "kind: carrier_pigeon");

    assertThatThrownBy(() -> SourceContracts.parse(bad, "x.yaml"))
        .hasMessageContaining("format.kind")
        .hasMessageContaining("carrier_pigeon")
        .hasMessageContaining("csv_file");
  }

  @Test
  void rejectsUnknownEncoding() {
    String bad = MINIMAL.replace("encoding: GBK", "encoding: GBK-9000");

    assertThatThrownBy(() -> SourceContracts.parse(bad, "x.yaml")).hasMessageContaining("GBK-9000");
  }

  @Test
  void rejectsRecordIdThatNamesNoDeclaredField() {
    String bad = MINIMAL.replace("record_id: [xh]", "record_id: [missing]");

    assertThatThrownBy(() -> SourceContracts.parse(bad, "x.yaml")).hasMessageContaining("missing");
  }

  @Test
  void notSharedNeedsALegalBasis() {
    String bad = MINIMAL.replace("{type: unconditional}", "{type: not_shared}");

    assertThatThrownBy(() -> SourceContracts.parse(bad, "x.yaml")).hasMessageContaining("legal_basis");
  }

  @Test
  void rejectsMissingRequiredKeys() {
    String bad = MINIMAL.replace("title: 高龄老人名册\n", "");

    assertThatThrownBy(() -> SourceContracts.parse(bad, "x.yaml")).hasMessageContaining("title is missing");
  }

  @Test
  void rejectsMalformedYamlWithTheFileName() {
    assertThatThrownBy(() -> SourceContracts.parse("feed: [unclosed", "broken.yaml"))
        .hasMessageContaining("broken.yaml");
  }

  @Test
  void loadsADirectoryAndRejectsAFeedDeclaredTwice(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.yaml"), MINIMAL);
    assertThat(SourceContracts.loadDirectory(dir)).containsOnlyKeys("ca_elderly");

    Files.writeString(dir.resolve("b.yaml"), MINIMAL);
    assertThatThrownBy(() -> SourceContracts.loadDirectory(dir)).hasMessageContaining("declared twice");
  }

  @Test
  void everyBundledContractInTheRepositoryParses() {
    Map<String, SourceContract> all = SourceContracts.loadDirectory(Path.of("../contracts"));

    assertThat(all).containsKey("hr_household");
    all.forEach((feed, c) -> assertThat(SourceContracts.loadBundled(feed)).isEqualTo(c));
  }
}
