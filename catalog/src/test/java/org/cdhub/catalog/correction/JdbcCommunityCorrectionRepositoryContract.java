package org.cdhub.catalog.correction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import org.cdhub.catalog.CatalogDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every catalog database must do with community corrections; run on SQLite and on PostgreSQL. */
abstract class JdbcCommunityCorrectionRepositoryContract {
  static final Instant T0 = Instant.parse("2026-12-06T09:30:00.250Z");
  static final String ID_NUMBER = "640106198503150019";
  static final String OTHER_ID_NUMBER = "640106197207040021";
  static final String COMMUNITY = "640106001001";

  CatalogDatabase catalog;
  private CommunityCorrectionRepository corrections;

  abstract CatalogDatabase openEmptyCatalog() throws Exception;

  void dropCatalog() throws Exception {}

  @BeforeEach
  void open() throws Exception {
    catalog = openEmptyCatalog();
    corrections = catalog.corrections();
  }

  @AfterEach
  void close() throws Exception {
    if (catalog != null) {
      catalog.close();
      dropCatalog();
    }
  }

  @Test
  void storesEveryKindAndReadsItBackAsSent() {
    CommunityCorrection phone = corrections.submit(CommunityCorrection.request("north-platform", COMMUNITY, "P-A1",
        ID_NUMBER, CorrectionKind.PHONE, "139 1234 5678", LocalDate.of(2026, 12, 1), "居民来电更正", T0));
    CommunityCorrection address = corrections.submit(CommunityCorrection.request("north-platform", COMMUNITY, "P-A1",
        ID_NUMBER, CorrectionKind.ADDRESS, "金凤区丽景社区丽景湾小区3号楼2单元501室", LocalDate.of(2026, 11, 20), null,
        T0.plusSeconds(1)));
    CommunityCorrection deceased = corrections.submit(CommunityCorrection.request("north-platform", COMMUNITY, "P-B2",
        OTHER_ID_NUMBER, CorrectionKind.DECEASED, null, LocalDate.of(2026, 10, 3), "家属告知", T0.plusSeconds(2)));

    assertThat(address.id()).isGreaterThan(phone.id());
    assertThat(deceased.id()).isGreaterThan(address.id());
    assertThat(corrections.find(phone.id())).hasValue(phone);
    assertThat(phone.value()).isEqualTo("13912345678");
    assertThat(phone.idNumber()).isEqualTo(ID_NUMBER);
    assertThat(phone.note()).isEqualTo("居民来电更正");
    assertThat(phone.receivedAt()).isEqualTo(T0);
    assertThat(phone.effectiveDate()).isEqualTo(LocalDate.of(2026, 12, 1));
    assertThat(address.value()).isEqualTo("金凤区丽景社区丽景湾小区3号楼2单元501室");
    assertThat(address.note()).isNull();
    assertThat(deceased.kind()).isEqualTo(CorrectionKind.DECEASED);
    assertThat(deceased.value()).isNull();
    assertThat(corrections.find(deceased.id() + 100)).isEmpty();
  }

  @Test
  void keepsOneColumnPerCorrectedAttributeAsTheFeedPullsThem() throws Exception {
    CommunityCorrection phone = corrections.submit(CommunityCorrection.request("north-platform", COMMUNITY, "P-A1",
        ID_NUMBER, CorrectionKind.PHONE, "13912345678", LocalDate.of(2026, 12, 1), null, T0));
    CommunityCorrection movedOut = corrections.submit(CommunityCorrection.request("north-platform", COMMUNITY, "P-B2",
        OTHER_ID_NUMBER, CorrectionKind.MOVED_OUT, null, LocalDate.of(2026, 12, 2), null, T0));

    try (Connection c = catalog.dataSource().getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT id, id_number, phone, address, person_status, effective_date "
             + "FROM community_correction ORDER BY id")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong("id")).isEqualTo(phone.id());
      assertThat(rs.getString("id_number")).isEqualTo(ID_NUMBER);
      assertThat(rs.getString("phone")).isEqualTo("13912345678");
      assertThat(rs.getString("address")).isNull();
      assertThat(rs.getString("person_status")).isNull();
      assertThat(rs.getString("effective_date")).isEqualTo("2026-12-01");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong("id")).isEqualTo(movedOut.id());
      assertThat(rs.getString("phone")).isNull();
      assertThat(rs.getString("person_status")).isEqualTo("MOVED_OUT");
      assertThat(rs.next()).isFalse();
    }
  }

  @Test
  void listsOnlyTheSendersOwnCorrectionsInOneCommunityPageByPage() {
    CommunityCorrection a1 = submit("north-platform", COMMUNITY, 0);
    submit("south-platform", COMMUNITY, 1);
    CommunityCorrection a2 = submit("north-platform", COMMUNITY, 2);
    submit("north-platform", "640106001002", 3);
    CommunityCorrection a3 = submit("north-platform", COMMUNITY, 4);

    assertThat(corrections.findBySender("north-platform", COMMUNITY, 0, 10)).containsExactly(a1, a2, a3);
    assertThat(corrections.findBySender("north-platform", COMMUNITY, 0, 2)).containsExactly(a1, a2);
    assertThat(corrections.findBySender("north-platform", COMMUNITY, a2.id(), 2)).containsExactly(a3);
    assertThat(corrections.findBySender("nobody", COMMUNITY, 0, 10)).isEmpty();
    // a quote in a parameter is a value, never SQL
    assertThat(corrections.findBySender("x' OR '1'='1", COMMUNITY, 0, 10)).isEmpty();
    assertThatThrownBy(() -> corrections.findBySender("north-platform", COMMUNITY, 0, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit 0");
  }

  @Test
  void keepsTheFullNoteAndTheMillisecondOfReceipt() {
    String note = "备注".repeat(CommunityCorrection.MAX_NOTE / 2);
    CommunityCorrection stored = corrections.submit(CommunityCorrection.request("north-platform", COMMUNITY, "P-A1",
        ID_NUMBER, CorrectionKind.MOVED_OUT, null, LocalDate.of(2026, 12, 6), note, T0.plusNanos(999_999)));

    assertThat(corrections.find(stored.id()).orElseThrow().note()).isEqualTo(note).hasSize(CommunityCorrection.MAX_NOTE);
    assertThat(stored.receivedAt()).isEqualTo(T0);
  }

  private CommunityCorrection submit(String client, String community, int i) {
    return corrections.submit(CommunityCorrection.request(client, community, "P-C" + i, ID_NUMBER, CorrectionKind.PHONE,
        "1391234567" + i, LocalDate.of(2026, 12, 1), null, T0.plusSeconds(i)));
  }
}
