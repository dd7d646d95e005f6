package org.cdhub.api.correction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.PartitionSpec;
import org.cdhub.api.audit.AuditedQuery;
import org.cdhub.api.audit.PersonalDataAudit;
import org.cdhub.api.problem.InvalidParameterException;
import org.cdhub.api.returndata.CommunityAccess;
import org.cdhub.api.returndata.GoldPersonFixture;
import org.cdhub.api.returndata.GoldTableRows;
import org.cdhub.api.returndata.IcebergGoldPersonRecords;
import org.cdhub.api.returndata.InvalidCursorException;
import org.cdhub.api.returndata.PersonMasking;
import org.cdhub.api.returndata.PersonNotFoundException;
import org.cdhub.api.returndata.TestPersons;
import org.cdhub.api.security.ApiClient;
import org.cdhub.api.security.OutsideJurisdictionException;
import org.cdhub.api.security.RoleRequiredException;
import org.cdhub.catalog.CatalogConfig;
import org.cdhub.catalog.CatalogDatabase;
import org.cdhub.catalog.audit.AccessEvent;
import org.cdhub.catalog.correction.CommunityCorrection;
import org.cdhub.catalog.correction.CorrectionKind;
import org.cdhub.catalog.correction.InvalidCorrectionException;
import org.cdhub.kernel.Masking;
import org.cdhub.model.entity.MasterPerson;
import org.cdhub.model.entity.PersonStatus;
import org.cdhub.model.lakehouse.BronzeEnvelope;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Corrections over a real Iceberg lakehouse, the real catalog database and the real audit log. */
class CorrectionServiceTest {
  static final String NORTH = "640106001001";
  static final String SOUTH = "640106001002";
  static final AuditedQuery QUERY = AuditedQuery.of("POST", "/api/v1/communities/" + NORTH + "/corrections", null);
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T02:00:00Z"), ZoneOffset.UTC);
  static final LocalDate EFFECTIVE = LocalDate.of(2026, 12, 1);

  @TempDir Path dataDir;
  GoldPersonFixture lakehouse;
  CatalogDatabase catalog;
  CorrectionService service;
  List<MasterPerson> north;
  MasterPerson southPerson;
  final ApiClient worker = new ApiClient("north-worker", "governance", Set.of(NORTH), Set.of(ApiClient.CORRECTIONS));
  final ApiClient otherWorker = new ApiClient("north-worker-2", "governance", Set.of(NORTH), Set.of(ApiClient.CORRECTIONS));
  final ApiClient reader = new ApiClient("north-platform", "governance", Set.of(NORTH));

  @BeforeEach
  void setUp() {
    lakehouse = GoldPersonFixture.create(dataDir);
    north = TestPersons.of(NORTH, 1, 6, 11);
    southPerson = TestPersons.of(SOUTH, 1, 1, 12).get(0);
    List<MasterPerson> rows = new ArrayList<>(north);
    rows.add(southPerson);
    lakehouse.append(rows);
    catalog = CatalogDatabase.open(CatalogConfig.embedded(dataDir));
    PersonalDataAudit audit = new PersonalDataAudit(catalog.auditLog(), CLOCK);
    IcebergGoldPersonRecords persons = new IcebergGoldPersonRecords(lakehouse.catalog());
    service = new CorrectionService(catalog.corrections(), persons,
        new LakehouseCorrectionProgress(lakehouse.catalog(), persons),
        CommunityAccess.withoutGrants(new PersonMasking(CLOCK), audit), audit, CLOCK);
  }

  @AfterEach
  void tearDown() {
    catalog.close();
    lakehouse.close();
  }

  @Test
  void storesTheIdNumberTheHubLooksUpAndShowsTheValueMasked() {
    MasterPerson person = north.get(0);

    CorrectionService.CorrectionView view = service.submit(worker, QUERY, NORTH, person.masterId(), CorrectionKind.PHONE,
        "138 0000 1111", EFFECTIVE, "居民来电");

    CommunityCorrection stored = catalog.corrections().find(view.correction().id()).orElseThrow();
    assertThat(stored.idNumber()).isEqualTo(person.idNumber());
    assertThat(stored.phone()).isEqualTo("13800001111");
    assertThat(stored.clientId()).isEqualTo("north-worker");
    assertThat(stored.receivedAt()).isEqualTo(CLOCK.instant());
    assertThat(view.maskedValue()).isEqualTo(Masking.phone("13800001111")).doesNotContain("0000");
    assertThat(view.progress().status()).isEqualTo(CorrectionStatus.RECEIVED);
    AccessEvent audited = catalog.auditLog().recent(1).get(0);
    assertThat(audited.action()).isEqualTo(CorrectionService.CORRECT);
    assertThat(audited.outcome()).isEqualTo(PersonalDataAudit.OK);
    assertThat(audited.recordIds()).containsExactly(person.masterId());
    assertThat(catalog.auditLog().verify().firstBreak()).isEmpty();
  }

  @Test
  void refusesAndAuditsAClientWithoutTheRole() {
    assertThatThrownBy(() -> service.submit(reader, QUERY, NORTH, north.get(0).masterId(), CorrectionKind.DECEASED, null,
        EFFECTIVE, null)).isInstanceOf(RoleRequiredException.class).hasMessageContaining("corrections");
    assertThatThrownBy(() -> service.list(reader, QUERY, NORTH, null, 10)).isInstanceOf(RoleRequiredException.class);
    assertDenied(2);
    assertThat(catalog.corrections().findBySender("north-platform", NORTH, 0, 10)).isEmpty();
  }

  @Test
  void refusesAndAuditsACommunityOutsideTheJurisdictionAndAPersonOfAnotherCommunity() {
    assertThatThrownBy(() -> service.submit(worker, QUERY, SOUTH, southPerson.masterId(), CorrectionKind.MOVED_OUT, null,
        EFFECTIVE, null)).isInstanceOf(OutsideJurisdictionException.class);
    assertDenied(1);
    // a person of the south named in the north: not found, as the person endpoint answers, and audited
    assertThatThrownBy(() -> service.submit(worker, QUERY, NORTH, southPerson.masterId(), CorrectionKind.MOVED_OUT, null,
        EFFECTIVE, null)).isInstanceOf(PersonNotFoundException.class);
    assertDenied(1);
    assertThatThrownBy(() -> service.submit(worker, QUERY, NORTH, "P-NO-SUCH-PERSON", CorrectionKind.MOVED_OUT, null,
        EFFECTIVE, null)).isInstanceOf(PersonNotFoundException.class);
    assertDenied(1);
    assertThat(catalog.corrections().findBySender("north-worker", NORTH, 0, 10)).isEmpty();
    assertThat(catalog.corrections().findBySender("north-worker", SOUTH, 0, 10)).isEmpty();
  }

  @Test
  void aGridBoundWorkerCorrectsOnlyPersonsOfItsGrids() {
    MasterPerson inGrid = north.get(0);
    MasterPerson elsewhere = north.stream().filter(p -> !p.gridCode().equals(inGrid.gridCode())).findFirst().orElseThrow();
    ApiClient gridWorker = new ApiClient("grid-worker", "governance", Set.of(inGrid.gridCode()),
        Set.of(ApiClient.CORRECTIONS));

    assertThat(service.submit(gridWorker, QUERY, NORTH, inGrid.masterId(), CorrectionKind.DECEASED, null, EFFECTIVE, null)
        .correction().masterId()).isEqualTo(inGrid.masterId());
    assertThatThrownBy(() -> service.submit(gridWorker, QUERY, NORTH, elsewhere.masterId(), CorrectionKind.DECEASED, null,
        EFFECTIVE, null)).isInstanceOf(PersonNotFoundException.class);
  }

  @Test
  void storesNothingAndAuditsNoReadWhenTheCorrectionBreaksARule() {
    int before = catalog.auditLog().recent(100).size();
    assertThatThrownBy(() -> service.submit(worker, QUERY, NORTH, north.get(0).masterId(), CorrectionKind.PHONE,
        "12345", EFFECTIVE, null)).isInstanceOfSatisfying(InvalidCorrectionException.class, e -> {
          assertThat(e.field()).isEqualTo("value");
          assertThat(e.rule()).isEqualTo("phone");
          assertThat(e.getMessage()).doesNotContain(north.get(0).idNumber());
        });
    assertThat(catalog.corrections().findBySender("north-worker", NORTH, 0, 10)).isEmpty();
    assertThat(catalog.auditLog().recent(100)).hasSize(before);
  }

  @Test
  void listsOnlyTheSendersOwnCorrectionsPageByPageAndAuditsEachPage() {
    List<Long> mine = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      mine.add(service.submit(worker, QUERY, NORTH, north.get(i).masterId(), CorrectionKind.MOVED_OUT, null, EFFECTIVE,
          null).correction().id());
      service.submit(otherWorker, QUERY, NORTH, north.get(i).masterId(), CorrectionKind.DECEASED, null, EFFECTIVE, null);
    }

    CorrectionService.CorrectionPage first = service.list(worker, QUERY, NORTH, null, 2);
    CorrectionService.CorrectionPage second = service.list(worker, QUERY, NORTH, first.nextCursor(), 2);
    CorrectionService.CorrectionPage last = service.list(worker, QUERY, NORTH, second.nextCursor(), 2);

    List<Long> seen = new ArrayList<>();
    for (CorrectionService.CorrectionPage page : List.of(first, second, last)) {
      page.items().forEach(v -> seen.add(v.correction().id()));
    }
    assertThat(seen).containsExactlyElementsOf(mine);
    assertThat(first.hasMore()).isTrue();
    assertThat(last.hasMore()).isFalse();
    AccessEvent audited = catalog.auditLog().recent(1).get(0);
    assertThat(audited.dataset()).isEqualTo(CorrectionService.DATASET);
    assertThat(audited.recordIds()).containsExactly(north.get(4).masterId());
    assertThatThrownBy(() -> service.list(worker, QUERY, NORTH, "bm9wZQ", 2))
        .isInstanceOfSatisfying(InvalidCursorException.class, e -> assertThat(e.rule()).isEqualTo("malformed"));
    ApiClient both = new ApiClient("north-worker", "governance", Set.of(NORTH, SOUTH), Set.of(ApiClient.CORRECTIONS));
    assertThatThrownBy(() -> service.list(both, QUERY, SOUTH, first.nextCursor(), 2))
        .isInstanceOfSatisfying(InvalidCursorException.class, e -> assertThat(e.rule()).isEqualTo("other-community"));
    assertThatThrownBy(() -> service.list(worker, QUERY, NORTH, null, 501)).isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void answersAnotherClientsCorrectionAsNotFound() {
    long id = service.submit(worker, QUERY, NORTH, north.get(0).masterId(), CorrectionKind.DECEASED, null, EFFECTIVE, null)
        .correction().id();

    assertThat(service.find(worker, QUERY, NORTH, id).correction().id()).isEqualTo(id);
    assertThatThrownBy(() -> service.find(otherWorker, QUERY, NORTH, id)).isInstanceOf(CorrectionNotFoundException.class);
    assertDenied(1);
    assertThatThrownBy(() -> service.find(worker, QUERY, NORTH, id + 1)).isInstanceOf(CorrectionNotFoundException.class);
  }

  @Test
  void followsACorrectionFromReceivedToAppliedThroughTheLakehouse() {
    MasterPerson person = north.get(0);
    long id = service.submit(worker, QUERY, NORTH, person.masterId(), CorrectionKind.PHONE, "13800001111", EFFECTIVE, null)
        .correction().id();
    assertThat(status(id)).isEqualTo(CorrectionStatus.RECEIVED);

    GoldTableRows.append(lakehouse.catalog(), LakehouseTable.bronze(CommunityCorrection.FEED),
        BronzeEnvelope.schemaFor(List.of("id", "phone")), PartitionSpec.unpartitioned(),
        List.of(bronze(id), bronze(id + 1000)));
    assertThat(status(id)).isEqualTo(CorrectionStatus.INGESTED);

    GoldTableRows.append(lakehouse.catalog(), LakehouseTable.GOLD_XREF, List.of(xref(id, person.masterId())));
    MasterPerson corrected = withPhoneFrom(person, "13800001111", CommunityCorrection.FEED + ":" + id + ":TRUST");
    lakehouse.replace(List.of(person), List.of(corrected));
    CorrectionService.CorrectionView applied = service.find(worker, QUERY, NORTH, id);
    assertThat(applied.progress().status()).isEqualTo(CorrectionStatus.APPLIED);
    assertThat(applied.progress().reason()).isNull();
  }

  @Test
  void aDeceasedCorrectionIsAppliedWhenGoldPersonsStatusNamesItsRecord() {
    MasterPerson person = north.get(1);
    long id = service.submit(worker, QUERY, NORTH, person.masterId(), CorrectionKind.DECEASED, null, EFFECTIVE, null)
        .correction().id();
    GoldTableRows.append(lakehouse.catalog(), LakehouseTable.bronze(CommunityCorrection.FEED),
        BronzeEnvelope.schemaFor(List.of("id", "phone")), PartitionSpec.unpartitioned(), List.of(bronze(id)));
    GoldTableRows.append(lakehouse.catalog(), LakehouseTable.GOLD_XREF, List.of(xref(id, person.masterId())));
    // linked, but gold.person has no status from it yet
    assertThat(service.find(worker, QUERY, NORTH, id).progress())
        .isEqualTo(new CorrectionProgress.Progress(CorrectionStatus.INGESTED, "linked to the master; gold.person has no status provenance yet"));

    Map<String, String> prov = new HashMap<>(person.provenance());
    prov.put("status", CommunityCorrection.FEED + ":" + id + ":RECENCY");
    MasterPerson dead = new MasterPerson(person.masterId(), person.idNumber(), person.otherIdNumber(), person.name(),
        person.namePinyin(), person.sex(), person.birthDate(), person.phone(), person.address(), person.houseId(),
        person.districtCode(), person.communityCode(), person.gridCode(), person.tags(), PersonStatus.DECEASED, prov,
        person.sourceCount() + 1, person.updatedAt());
    lakehouse.replace(List.of(person), List.of(dead));

    assertThat(service.find(worker, QUERY, NORTH, id).progress())
        .isEqualTo(new CorrectionProgress.Progress(CorrectionStatus.APPLIED, null));
  }

  @Test
  void rejectsWithAReasonWhenQuarantinedLinkedElsewhereOrOutvoted() {
    long quarantined = submitPhone(north.get(0));
    long elsewhere = submitPhone(north.get(1));
    long outvoted = submitPhone(north.get(2));
    GoldTableRows.append(lakehouse.catalog(), LakehouseTable.QUARANTINE, List.of(Map.of("source_system",
        CommunityCorrection.FEED, "source_record_id", Long.toString(quarantined), "batch_id", "b1", "stage", "STANDARDIZE",
        "field", "phone", "rule", "PHONE-PREFIX", "reason", "mobile number must start with 13-19",
        "quarantined_at", CLOCK.instant())));
    GoldTableRows.append(lakehouse.catalog(), LakehouseTable.GOLD_XREF, List.of(xref(elsewhere, north.get(3).masterId()),
        xref(outvoted, north.get(2).masterId())));
    lakehouse.replace(List.of(north.get(2)), List.of(withPhoneFrom(north.get(2), north.get(2).phone(),
        "hr_household:R9:TRUST")));

    Map<Long, CorrectionService.CorrectionView> byId = new HashMap<>();
    service.list(worker, QUERY, NORTH, null, 10).items().forEach(v -> byId.put(v.correction().id(), v));

    assertThat(byId.get(quarantined).progress()).isEqualTo(new CorrectionProgress.Progress(CorrectionStatus.REJECTED,
        "quarantined by rule PHONE-PREFIX on field phone"));
    assertThat(byId.get(elsewhere).progress().status()).isEqualTo(CorrectionStatus.REJECTED);
    assertThat(byId.get(elsewhere).progress().reason()).contains(north.get(3).masterId());
    assertThat(byId.get(outvoted).progress().status()).isEqualTo(CorrectionStatus.REJECTED);
    assertThat(byId.get(outvoted).progress().reason()).contains("feed hr_household").contains("TRUST");
  }

  private long submitPhone(MasterPerson p) {
    return service.submit(worker, QUERY, NORTH, p.masterId(), CorrectionKind.PHONE, "13800001111", EFFECTIVE, null)
        .correction().id();
  }

  private CorrectionStatus status(long id) {
    return service.find(worker, QUERY, NORTH, id).progress().status();
  }

  private void assertDenied(int count) {
    List<AccessEvent> recent = catalog.auditLog().recent(count);
    assertThat(recent).hasSize(count).allSatisfy(e -> assertThat(e.outcome()).isEqualTo(PersonalDataAudit.DENIED));
  }

  private static Map<String, Object> bronze(long id) {
    return Map.of(BronzeEnvelope.SOURCE_SYSTEM, CommunityCorrection.FEED, BronzeEnvelope.SOURCE_RECORD_ID, Long.toString(id),
        BronzeEnvelope.BATCH_ID, "b1", BronzeEnvelope.INGESTED_AT, CLOCK.instant(), BronzeEnvelope.PAYLOAD_HASH, "h", "id",
        Long.toString(id));
  }

  private static Map<String, Object> xref(long id, String masterId) {
    return Map.of("source_system", CommunityCorrection.FEED, "source_record_id", Long.toString(id), "entity_type", "PERSON",
        "master_id", masterId, "match_rule", "ID_NUMBER_EXACT", "run_id", "run-2", "linked_at", CLOCK.instant());
  }

  private static MasterPerson withPhoneFrom(MasterPerson p, String phone, String provenance) {
    Map<String, String> prov = new HashMap<>(p.provenance());
    prov.put("phone", provenance);
    return new MasterPerson(p.masterId(), p.idNumber(), p.otherIdNumber(), p.name(), p.namePinyin(), p.sex(), p.birthDate(),
        phone, p.address(), p.houseId(), p.districtCode(), p.communityCode(), p.gridCode(), p.tags(), p.status(), prov, p.sourceCount(),
        p.updatedAt());
  }
}
