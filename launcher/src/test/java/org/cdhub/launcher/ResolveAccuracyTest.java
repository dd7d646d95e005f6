package org.cdhub.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResolveAccuracyTest {
  /** A made-up certificate number: an 18-character ID number followed by category and grade. */
  private static final String CERTIFICATE = "11010519491231002X12";

  @TempDir
  Path truth;

  @BeforeEach
  void writeTruth() throws IOException {
    Files.writeString(truth.resolve("person_truth.csv"), """
        source_system,source_record_id,true_person_id
        hr_household,R1,P1
        hr_household,R2,P2
        hr_household,R3,P3
        dpf_disabled,%s,P1
        ca_elderly,E1,P2
        vendor_access_pass,V1,P1
        """.formatted(CERTIFICATE), StandardCharsets.UTF_8);
    // the header order differs from the one read, and an address holds a comma and a quote
    Files.writeString(truth.resolve("persons.csv"), "true_person_id,name,household_id,address\n"
        + "P1,A,H1,\"Road 1, No. 2\"\n"
        + "P2,B,H1,\"say \"\"hi\"\"\"\n"
        + "P3,C,H2,\n", StandardCharsets.UTF_8);
  }

  @Test
  void scoresLinkedRecordsAndCountsTheUnlinkedTruth() {
    ResolveAccuracy accuracy = new ResolveAccuracy(truth, Set.of("hr_household", "dpf_disabled", "ca_elderly"));
    accuracy.link("hr_household", "R1", "M1");
    accuracy.link("dpf_disabled", CERTIFICATE, "M1");
    accuracy.link("hr_household", "R2", "M1");
    accuracy.link("ca_elderly", "E1", "M2");

    ResolveAccuracy.Result result = accuracy.result();
    PairwiseScore s = result.score();

    // R3 has no link (quarantined); vendor_access_pass is not a scored feed
    assertThat(result.unlinkedTruthRecords()).isEqualTo(1);
    assertThat(s.records()).isEqualTo(4);
    assertThat(s.predictedClusters()).isEqualTo(2);
    // M1 = {R1, cert, R2}: 3 pairs, one true (R1-cert); M2 alone; P2 = {R2, E1} split
    assertThat(s.predictedPairs()).isEqualTo(3);
    assertThat(s.truePairs()).isEqualTo(2);
    assertThat(s.truePositivePairs()).isEqualTo(1);
    // P1 and P2 share H1: (R1, cert) x (R2, E1) = 4 pairs; R1-R2 and cert-R2 merged in M1
    assertThat(s.relativePairs()).isEqualTo(4);
    assertThat(s.relativeFalseMerges()).isEqualTo(2);
  }

  @Test
  void aLinkTheTruthDoesNotKnowFailsNamingItWithoutItsIdNumber() {
    ResolveAccuracy accuracy = new ResolveAccuracy(truth, Set.of("hr_household", "dpf_disabled"));

    assertThatThrownBy(() -> accuracy.link("hr_household", "R9", "M1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hr_household:R9");
    accuracy.link("dpf_disabled", CERTIFICATE, "M1");
    assertThatThrownBy(() -> accuracy.link("dpf_disabled", CERTIFICATE, "M1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("linked twice")
        .hasMessageContaining("dpf_disabled:****************2X12")
        .hasMessageNotContaining("1101051949");
    assertThatThrownBy(() -> accuracy.link("grid_incident", "G1", "M1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("feed grid_incident is not among the scored feeds");
  }

  @Test
  void masksOnlyLongDigitRunsInRecordKeys() {
    assertThat(ResolveAccuracy.recordKey("hr_household", "R000123")).isEqualTo("hr_household:R000123");
    assertThat(ResolveAccuracy.recordKey("x", "A-13800138000")).isEqualTo("x:A-*******8000");
  }

  @Test
  void readsQuotedFieldsLineBreaksAndEmptyValues() throws IOException {
    List<String[]> rows = new ArrayList<>();
    String csv = "a,b,c\r\n1,\"x, \"\"y\"\"\nz\",\r\n,,3\n";

    long n = TruthCsv.read(new StringReader(csv), "t.csv", List.of("c", "b"), rows::add);

    assertThat(n).isEqualTo(2);
    assertThat(rows.get(0)).containsExactly("", "x, \"y\"\nz");
    assertThat(rows.get(1)).containsExactly("3", "");
  }

  @Test
  void rejectsAMissingColumnAndARaggedRecord() {
    assertThatThrownBy(() -> TruthCsv.read(new StringReader("a,b\n1,2\n"), "t.csv", List.of("c"), r -> { }))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no column c");
    assertThatThrownBy(() -> TruthCsv.read(new StringReader("a,b\n1,2,3\n"), "t.csv", List.of("a"), r -> { }))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("record 1 has 3 fields");
    assertThatThrownBy(() -> TruthCsv.read(new StringReader(""), "t.csv", List.of("a"), r -> { }))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
  }
}
