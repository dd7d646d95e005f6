package org.cdhub.api.returndata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cdhub.api.audit.AuditedQuery;
import org.cdhub.api.audit.PersonalDataAudit;
import org.cdhub.api.security.ApiClient;
import org.cdhub.api.security.OutsideJurisdictionException;
import org.cdhub.catalog.CatalogConfig;
import org.cdhub.catalog.CatalogDatabase;
import org.cdhub.catalog.audit.AccessEvent;
import org.cdhub.kernel.Masking;
import org.cdhub.model.entity.MasterPerson;
import org.cdhub.model.entity.PersonStatus;
import org.cdhub.model.entity.Relationship;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One person with relationships and provenance, over real Iceberg gold tables and the real audit log. */
class PersonRecordServiceTest {
  static final String NORTH = "640106001001";
  static final String SOUTH = "640106001002";
  static final AuditedQuery QUERY = AuditedQuery.of("GET", "/api/v1/communities/" + NORTH + "/persons/P-1", null);
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T02:00:00Z"), ZoneOffset.UTC);
  static final Instant AT = Instant.parse("2026-12-01T08:00:00Z");

  @TempDir Path dataDir;
  GoldPersonFixture lakehouse;
  CatalogDatabase catalog;
  PersonRecordService service;
  MasterPerson alice;
  MasterPerson southPerson;
  final ApiClient platform = new ApiClient("north-platform", "care", Set.of(NORTH));
  final ApiClient auditor = new ApiClient("north-auditor", "audit", Set.of(NORTH), Set.of(ApiClient.PROVENANCE));

  @BeforeEach
  void setUp() {
    lakehouse = GoldPersonFixture.create(dataDir);
    List<MasterPerson> north = TestPersons.of(NORTH, 1, 30, 3);
    MasterPerson model = north.get(0);
    alice = new MasterPerson(model.masterId(), model.idNumber(), null, model.name(), null, model.sex(), model.birthDate(), model.phone(),
        model.address(), "L-HOUSE-1", model.districtCode(), NORTH, model.gridCode(), List.of("ELDERLY_ALONE"), PersonStatus.MOVED_OUT,
        Map.of("name", "hr_household:R1:TRUST", "phone", "health_residents:H7:RECENCY", "status",
            "community_correction:7:RECENCY"), 2, AT);
    List<MasterPerson> rows = new ArrayList<>(north.subList(1, north.size()));
    rows.add(alice);
    southPerson = TestPersons.of(SOUTH, 1, 1, 4).get(0);
    rows.add(southPerson);
    lakehouse.append(rows);
    GoldTableRows.append(lakehouse.catalog(), LakehouseTable.GOLD_RELATIONSHIP, List.of(
        edge("LIVES_IN", alice.masterId(), "L-HOUSE-1"),
        edge("OWNS", alice.masterId(), "L-HOUSE-1"),
        edge("INVOLVES", "E-INCIDENT-9", alice.masterId()),
        edge("LIVES_IN", north.get(1).masterId(), "L-HOUSE-2")));
    GoldTableRows.append(lakehouse.catalog(), LakehouseTable.GOLD_XREF, List.of(
        xref("hr_household", "R1", alice.masterId(), "ID_NUMBER_EXACT", null),
        xref("health_residents", "H7", alice.masterId(), "PROBABILISTIC", 14.2),
        xref("hr_household", "R2", north.get(1).masterId(), "SINGLETON", null)));
    catalog = CatalogDatabase.open(CatalogConfig.embedded(dataDir));
    service = new PersonRecordService(new IcebergGoldPersonRecords(lakehouse.catalog()), new PersonMasking(CLOCK),
        new PersonalDataAudit(catalog.auditLog(), CLOCK));
  }

  @AfterEach
  void tearDown() {
    catalog.close();
    lakehouse.close();
  }

  @Test
  void givesThePersonMaskedWithEveryEdgeThatStartsOrEndsAtIt() {
    PersonRecordService.PersonView view = service.find(platform, QUERY, NORTH, alice.masterId());

    assertThat(view.person().masterId()).isEqualTo(alice.masterId());
    assertThat(view.person().idNumber()).isEqualTo(Masking.idNumber(alice.idNumber())).isNotEqualTo(alice.idNumber());
    assertThat(view.person().phone()).isEqualTo(Masking.phone(alice.phone()));
    assertThat(view.person().status()).isEqualTo(PersonStatus.MOVED_OUT);
    assertThat(view.relationships()).extracting(e -> e.relationshipType().name() + ":" + e.fromId() + ">" + e.toId())
        .containsExactlyInAnyOrder(
            "LIVES_IN:" + alice.masterId() + ">L-HOUSE-1",
            "OWNS:" + alice.masterId() + ">L-HOUSE-1",
            "INVOLVES:E-INCIDENT-9>" + alice.masterId());
    // no role: no source records, no provenance
    assertThat(view.withProvenance()).isFalse();
    assertThat(view.sourceRecords()).isEmpty();
    assertThat(view.provenance()).isEmpty();
  }

  @Test
  void givesSourceRecordsAndProvenanceOnlyToAClientWithTheRole() {
    PersonRecordService.PersonView view = service.find(auditor, QUERY, NORTH, alice.masterId());

    assertThat(view.withProvenance()).isTrue();
    assertThat(view.sourceRecords()).extracting(x -> x.sourceSystem() + ":" + x.sourceRecordId() + ":" + x.matchRule())
        .containsExactly("health_residents:H7:PROBABILISTIC", "hr_household:R1:ID_NUMBER_EXACT");
    assertThat(view.sourceRecords().get(0).matchScore()).isEqualTo(14.2);
    assertThat(view.provenance()).containsEntry("name", "hr_household:R1:TRUST").containsEntry("phone", "health_residents:H7:RECENCY")
        .containsEntry("status", "community_correction:7:RECENCY");
  }

  @Test
  void answersAPersonOfAnotherCommunityAsNotFoundSoIdsCannotBeProbed() {
    assertThatThrownBy(() -> service.find(platform, QUERY, NORTH, southPerson.masterId()))
        .isInstanceOf(PersonNotFoundException.class).hasMessageContaining(NORTH);
    assertThatThrownBy(() -> service.find(platform, QUERY, NORTH, "P-NO-SUCH-PERSON"))
        .isInstanceOf(PersonNotFoundException.class);
  }

  @Test
  void refusesAndAuditsACommunityOutsideTheJurisdictionAndAuditsEachRead() {
    assertThatThrownBy(() -> service.find(platform, QUERY, SOUTH, southPerson.masterId()))
        .isInstanceOf(OutsideJurisdictionException.class);
    AccessEvent refused = catalog.auditLog().recent(1).get(0);
    assertThat(refused.outcome()).isEqualTo(PersonalDataAudit.DENIED);
    assertThat(refused.scope()).isEqualTo("community:" + SOUTH);

    service.find(auditor, QUERY, NORTH, alice.masterId());
    AccessEvent read = catalog.auditLog().recent(1).get(0);
    assertThat(read.clientId()).isEqualTo("north-auditor");
    assertThat(read.outcome()).isEqualTo(PersonalDataAudit.OK);
    assertThat(read.recordCount()).isEqualTo(1);
    assertThat(read.recordIds()).containsExactly(alice.masterId());
    assertThat(read.query()).isEqualTo(QUERY.text());
    assertThat(catalog.auditLog().verify().firstBreak()).isEmpty();
  }

  private static Map<String, Object> edge(String type, String from, String to) {
    return Map.of("relationship_type", type, "from_id", from, "to_id", to, "source_system", "hr_household",
        "source_record_id", "R1", "updated_at", AT);
  }

  private static Map<String, Object> xref(String feed, String record, String masterId, String rule, Double score) {
    Map<String, Object> row = new java.util.HashMap<>(Map.of("source_system", feed, "source_record_id", record, "entity_type", "PERSON",
        "master_id", masterId, "match_rule", rule, "run_id", "run-1", "linked_at", AT));
    if (score != null) {
      row.put("match_score", score);
    }
    return row;
  }
}
