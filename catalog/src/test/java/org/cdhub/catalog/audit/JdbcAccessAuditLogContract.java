package org.cdhub.catalog.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.cdhub.catalog.CatalogDatabase;
import org.cdhub.catalog.audit.ChainVerification.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every catalog database must do with the access audit; run on SQLite and on PostgreSQL. */
abstract class JdbcAccessAuditLogContract {
  static final Instant T0 = Instant.parse("2026-11-20T09:30:00.250Z");

  CatalogDatabase catalog;
  private AccessAuditLog audit;

  /** Opens a catalog database with an empty audit log. */
  abstract CatalogDatabase openEmptyCatalog() throws Exception;

  /** Lifts the append-only triggers, as an attacker with the database owner's rights could. */
  abstract void dropAppendOnlyTriggers(Statement s) throws SQLException;

  /** Removes what {@link #openEmptyCatalog} created, after the catalog is closed. */
  void dropCatalog() throws Exception {}

  @BeforeEach
  void open() throws Exception {
    catalog = openEmptyCatalog();
    audit = catalog.auditLog();
  }

  @AfterEach
  void close() throws Exception {
    if (catalog != null) { // null when the test was skipped
      catalog.close();
      dropCatalog();
    }
  }

  @Test
  void returnsTheLatestEventsNewestFirstWithEveryField() {
    List<AccessEvent> recorded = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      AccessEvent event = new AccessEvent(T0.plusSeconds(i), "jinfeng-platform", i == 3 ? null : "elderly care visits",
          "gold.person", "READ_PERSONS", i == 4 ? null : "community:640106001002", 20 + i, i == 2, i == 1 ? "DENIED" : "OK");
      audit.record(event);
      recorded.add(event);
    }

    assertThat(audit.recent(3)).containsExactly(recorded.get(4), recorded.get(3), recorded.get(2));
    assertThat(audit.recent(100)).hasSize(5).last().isEqualTo(recorded.get(0));
    assertThat(audit.recent(0)).isEmpty();
  }

  @Test
  void ordersByRecordingNotByTheClientsClock() {
    AccessEvent late = event("client-a", T0.plusSeconds(60));
    AccessEvent early = event("client-b", T0);

    audit.record(late);
    audit.record(early);

    assertThat(audit.recent(2)).containsExactly(early, late);
  }

  @Test
  void databaseRefusesToChangeOrDeleteAuditRecords() throws SQLException {
    AccessEvent event = event("client-a", T0);
    audit.record(event);

    try (Connection c = catalog.dataSource().getConnection(); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeUpdate("UPDATE access_event SET unmasked = TRUE"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("access_event is append-only: UPDATE refused");
      assertThatThrownBy(() -> s.executeUpdate("DELETE FROM access_event"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("access_event is append-only: DELETE refused");
    }
    assertThat(audit.recent(10)).containsExactly(event);
  }

  @Test
  void rejectsANegativeLimit() {
    assertThatThrownBy(() -> audit.recent(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot list recent access events: limit must not be negative: -1");
  }

  @Test
  void chainOfManyAppendsVerifiesWithGapFreeSequenceNumbers() {
    for (int i = 0; i < 60; i++) {
      audit.record(read("client-" + (i % 3), T0.plusSeconds(i), "P-" + i, "P-" + (i + 1000)));
    }

    ChainVerification result = audit.verify();

    assertThat(result.intact()).isTrue();
    assertThat(result.entriesChecked()).isEqualTo(60);
    assertThat(result.legacyRows()).isZero();
    List<AuditEntry> entries = audit.find(AuditQuery.latest(100));
    assertThat(entries).extracting(AuditEntry::seq).containsExactlyElementsOf(
        LongStream.rangeClosed(1, 60).map(n -> 61 - n).boxed().toList());
    assertThat(result.headHash()).isEqualTo(entries.get(0).hash());
    assertThat(entries.get(59).previousHash()).isEqualTo(AccessEventHash.GENESIS);
    for (int i = 0; i < 59; i++) {
      assertThat(entries.get(i).previousHash()).isEqualTo(entries.get(i + 1).hash());
    }
  }

  @Test
  void storesTheQueryAndRecordIdsAndHashesThemAsDocumented() {
    AccessEvent event = read("north-platform", T0, "P-00017", "P-00018");
    audit.record(event);

    AuditEntry entry = audit.find(AuditQuery.latest(1)).get(0);
    assertThat(entry.event()).isEqualTo(event);
    assertThat(entry.seq()).isEqualTo(1);
    // the message an auditor would build by hand from the javadoc
    String message = "cdhub-access-event-v1\n1:1\n13:" + T0.toEpochMilli() + "\n14:north-platform\n15:grid inspection"
        + "\n11:gold.person\n4:LIST\n22:community:640104001001\n1:2\n5:false\n2:OK"
        + "\n52:GET /api/v1/communities/640104001001/persons?limit=2\n15:P-00017 P-00018\n64:" + AccessEventHash.GENESIS;
    assertThat(AccessEventHash.message(1, event, AccessEventHash.GENESIS)).isEqualTo(message);
    assertThat(entry.hash()).isEqualTo(sha256(message)).isEqualTo(AccessEventHash.of(1, event, AccessEventHash.GENESIS));
  }

  @Test
  void storesTheGrantOfAnUnmaskedReadAndHashesItInFormatV2() {
    AccessEvent masked = read("north-platform", T0, "P-00017");
    AccessEvent unmasked = new AccessEvent(T0.plusSeconds(1), "north-platform", "subsidy-review", "gold.person", "LIST",
        "community:640104001001", 1, true, "OK", "GET /api/v1/communities/640104001001/persons?unmask=phone",
        List.of("P-00017"), 42L);
    audit.record(masked);
    audit.record(unmasked);

    List<AuditEntry> entries = audit.find(AuditQuery.latest(2));
    assertThat(entries.get(0).event()).isEqualTo(unmasked);
    assertThat(entries.get(0).event().grantId()).isEqualTo(42L);
    assertThat(entries.get(1).event().grantId()).isNull();
    String message = "cdhub-access-event-v2\n1:2\n13:" + T0.plusSeconds(1).toEpochMilli() + "\n14:north-platform"
        + "\n14:subsidy-review\n11:gold.person\n4:LIST\n22:community:640104001001\n1:1\n4:true\n2:OK"
        + "\n57:GET /api/v1/communities/640104001001/persons?unmask=phone\n7:P-00017\n2:42\n64:" + entries.get(1).hash();
    assertThat(entries.get(0).hash()).isEqualTo(sha256(message));
    assertThat(AccessEventHash.message(1, masked, AccessEventHash.GENESIS)).startsWith("cdhub-access-event-v1\n");
    assertThat(audit.verify().intact()).isTrue();
  }

  @Test
  void verifyNamesAnEntryWhoseGrantWasRemovedBehindTheTriggers() throws SQLException {
    audit.record(read("north-platform", T0, "P-1"));
    audit.record(new AccessEvent(T0.plusSeconds(1), "north-platform", "subsidy-review", "gold.person", "LIST",
        "community:640104001001", 1, true, "OK", "GET /x", List.of("P-1"), 7L));

    tamper("UPDATE access_event SET grant_id = NULL WHERE seq = 2");

    ChainVerification result = audit.verify();
    assertThat(result.firstBreak()).hasValueSatisfying(b -> {
      assertThat(b.seq()).isEqualTo(2);
      assertThat(b.reason()).isEqualTo(Reason.HASH_MISMATCH);
    });
  }

  @Test
  void rejectsAGrantOnAnEventThatUnmaskedNothing() {
    assertThatThrownBy(() -> new AccessEvent(T0, "north-platform", "p", "gold.person", "LIST", null, 0, false, "DENIED",
        null, List.of(), 3L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid access event of client north-platform on gold.person, field grant_id: names grant 3 but nothing went out unmasked");
  }

  @Test
  void concurrentAppendsKeepOneChainWithoutGaps() throws Exception {
    int threads = 6;
    int perThread = 15;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Callable<Void>> writers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String client = "client-" + t;
        writers.add(() -> {
          for (int i = 0; i < perThread; i++) {
            audit.record(read(client, T0.plusMillis(i), "P-" + client + "-" + i));
          }
          return null;
        });
      }
      for (Future<Void> done : pool.invokeAll(writers)) {
        done.get(); // rethrows a failed append
      }
    } finally {
      pool.shutdownNow();
    }

    ChainVerification result = audit.verify();
    assertThat(result.firstBreak()).isEmpty();
    assertThat(result.entriesChecked()).isEqualTo(threads * perThread);
    assertThat(audit.find(AuditQuery.latest(1000))).extracting(AuditEntry::seq).doesNotHaveDuplicates()
        .hasSize(threads * perThread).allMatch(seq -> seq >= 1 && seq <= threads * perThread);
  }

  @Test
  void verifyNamesAnEntryWhosePurposeWasChangedBehindTheTriggers() throws SQLException {
    appendFive();
    tamper("UPDATE access_event SET purpose = 'benign' WHERE seq = 3");

    ChainVerification result = audit.verify();

    assertThat(result.firstBreak()).hasValueSatisfying(b -> {
      assertThat(b.seq()).isEqualTo(3);
      assertThat(b.reason()).isEqualTo(Reason.HASH_MISMATCH);
    });
    assertThat(result.entriesChecked()).isEqualTo(2);
  }

  @Test
  void verifyNamesTheNextEntryWhenAChangedEntryWasRehashed() throws SQLException {
    appendFive();
    AuditEntry third = audit.find(AuditQuery.latest(5)).get(2);
    AccessEvent e = third.event();
    AccessEvent forged = new AccessEvent(e.at(), e.clientId(), "benign", e.dataset(), e.action(), e.scope(),
        e.recordCount(), e.unmasked(), e.outcome(), e.query(), e.recordIds());
    tamper("UPDATE access_event SET purpose = 'benign', entry_hash = '"
        + AccessEventHash.of(3, forged, third.previousHash()) + "' WHERE seq = 3");

    assertThat(audit.verify().firstBreak()).hasValueSatisfying(b -> {
      assertThat(b.seq()).isEqualTo(4);
      assertThat(b.reason()).isEqualTo(Reason.PREVIOUS_HASH_MISMATCH);
    });
  }

  @Test
  void verifyNamesTheMissingSequenceOfADeletedEntry() throws SQLException {
    appendFive();
    tamper("DELETE FROM access_event WHERE seq = 2");

    ChainVerification result = audit.verify();

    assertThat(result.firstBreak()).hasValueSatisfying(b -> {
      assertThat(b.seq()).isEqualTo(2);
      assertThat(b.reason()).isEqualTo(Reason.GAP);
      assertThat(b.detail()).contains("expected sequence 2 next, found 3");
    });
    assertThat(result.entriesChecked()).isEqualTo(1);
  }

  @Test
  void verifyNamesAForgedEntryAppendedWithAMadeUpLink() throws SQLException {
    appendFive();
    AccessEvent forged = read("client-x", T0.plusSeconds(99), "P-1");
    String fakePrevious = "ab".repeat(32);
    insertRaw(6L, fakePrevious, AccessEventHash.of(6, forged, fakePrevious), forged);

    assertThat(audit.verify().firstBreak()).hasValueSatisfying(b -> {
      assertThat(b.seq()).isEqualTo(6);
      assertThat(b.reason()).isEqualTo(Reason.PREVIOUS_HASH_MISMATCH);
    });
  }

  @Test
  void verifyNamesARowInsertedWithoutASequenceNumber() throws SQLException {
    appendFive();
    insertRaw(null, null, null, read("client-x", T0, "P-1"));

    assertThat(audit.verify().firstBreak()).hasValueSatisfying(b -> {
      assertThat(b.seq()).isEqualTo(6);
      assertThat(b.reason()).isEqualTo(Reason.UNCHAINED_ROW);
    });
  }

  @Test
  void verifyReportsARowChangedIntoAnInvalidEventAsAHashMismatch() throws SQLException {
    appendFive();
    tamper("UPDATE access_event SET record_count = -1 WHERE seq = 4");

    assertThat(audit.verify().firstBreak()).hasValueSatisfying(b -> {
      assertThat(b.seq()).isEqualTo(4);
      assertThat(b.reason()).isEqualTo(Reason.HASH_MISMATCH);
      assertThat(b.detail()).contains("record_count");
    });
  }

  @Test
  void emptyLogVerifiesWithNothingChecked() {
    ChainVerification result = audit.verify();
    assertThat(result.intact()).isTrue();
    assertThat(result.entriesChecked()).isZero();
    assertThat(result.headHash()).isEqualTo(AccessEventHash.GENESIS);
  }

  @Test
  void findFiltersByClientDatasetRecordTimeAndOutcome() {
    audit.record(read("north", T0, "P-1", "P-10"));
    audit.record(read("south", T0.plusSeconds(10), "P-2"));
    audit.record(new AccessEvent(T0.plusSeconds(20), "south", "x", "gold.person", "LIST", "community:1", 0, false,
        "DENIED", "GET /x", List.of()));
    audit.record(new AccessEvent(T0.plusSeconds(30), "north", "x", "gold.house", "LIST", "community:1", 1, false,
        "OK", "GET /y", List.of("P-1")));

    assertThat(seqs(AuditQuery.latest(10).withClient("north"))).containsExactly(4L, 1L);
    assertThat(seqs(AuditQuery.latest(10).withDataset("gold.person"))).containsExactly(3L, 2L, 1L);
    // a whole id only: P-1 is not P-10, and not p-1
    assertThat(seqs(AuditQuery.latest(10).withRecord("P-1"))).containsExactly(4L, 1L);
    assertThat(seqs(AuditQuery.latest(10).withRecord("P-10"))).containsExactly(1L);
    assertThat(seqs(AuditQuery.latest(10).withRecord("p-1"))).isEmpty();
    assertThat(seqs(AuditQuery.latest(10).withSince(T0.plusSeconds(10)).withUntil(T0.plusSeconds(30))))
        .containsExactly(3L, 2L);
    assertThat(seqs(AuditQuery.latest(10).withOutcome("DENIED"))).containsExactly(3L);
    assertThat(seqs(AuditQuery.latest(2))).containsExactly(4L, 3L);
    assertThat(seqs(AuditQuery.latest(10).withClient("north").withRecord("P-1").withDataset("gold.person")))
        .containsExactly(1L);
  }

  @Test
  void rejectsAQueryWithATimeRangeThatIsEmpty() {
    assertThatThrownBy(() -> AuditQuery.latest(1).withSince(T0).withUntil(T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot query the access audit: since " + T0 + " must be before until " + T0);
  }

  private List<Long> seqs(AuditQuery query) {
    return audit.find(query).stream().map(AuditEntry::seq).toList();
  }

  private void appendFive() {
    for (int i = 0; i < 5; i++) {
      audit.record(read("client-" + i, T0.plusSeconds(i), "P-" + i));
    }
    assertThat(audit.verify().intact()).isTrue();
  }

  void tamper(String sql) throws SQLException {
    try (Connection c = catalog.dataSource().getConnection(); Statement s = c.createStatement()) {
      dropAppendOnlyTriggers(s);
      s.executeUpdate(sql);
    }
  }

  void insertRaw(Long seq, String previous, String hash, AccessEvent e) throws SQLException {
    try (Connection c = catalog.dataSource().getConnection();
         PreparedStatement ps = c.prepareStatement("INSERT INTO access_event (seq, previous_hash, entry_hash, occurred_at,"
             + " client_id, purpose, dataset, access_action, access_scope, record_count, unmasked, outcome,"
             + " request_query, record_ids) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setObject(1, seq, java.sql.Types.BIGINT);
      ps.setString(2, previous);
      ps.setString(3, hash);
      ps.setTimestamp(4, java.sql.Timestamp.from(e.at()),
          java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone("UTC")));
      ps.setString(5, e.clientId());
      ps.setString(6, e.purpose());
      ps.setString(7, e.dataset());
      ps.setString(8, e.action());
      ps.setString(9, e.scope());
      ps.setInt(10, e.recordCount());
      ps.setBoolean(11, e.unmasked());
      ps.setString(12, e.outcome());
      ps.setString(13, e.query());
      ps.setString(14, String.join(" ", e.recordIds()));
      ps.executeUpdate();
    }
  }

  static String sha256(String message) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(message.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static AccessEvent read(String client, Instant at, String... masterIds) {
    return new AccessEvent(at, client, "grid inspection", "gold.person", "LIST", "community:640104001001",
        masterIds.length, false, "OK", "GET /api/v1/communities/640104001001/persons?limit=" + masterIds.length,
        List.of(masterIds));
  }

  static AccessEvent event(String client, Instant at) {
    return new AccessEvent(at, client, "grid inspection", "gold.person", "READ_PERSONS",
        "community:640104001001", 1, false, "OK");
  }
}
