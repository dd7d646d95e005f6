package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.cdhub.api.audit.CurrentRequest;
import org.cdhub.api.generated.api.PersonsApi;
import org.cdhub.api.generated.model.AgeBand;
import org.cdhub.api.generated.model.PageInfo;
import org.cdhub.api.generated.model.Person;
import org.cdhub.api.generated.model.PersonDetail;
import org.cdhub.api.generated.model.PersonPage;
import org.cdhub.api.generated.model.SourceRecord;
import org.cdhub.api.generated.model.Sex;
import org.cdhub.api.security.CurrentClient;
import org.cdhub.api.security.UnmaskRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/communities/{communityCode}/persons}: binds, calls the service, maps the page. */
@RestController
class PersonsController implements PersonsApi {
  private final CommunityPersonService persons;
  private final PersonRecordService records;
  private final CurrentClient caller;
  private final CurrentRequest request;

  PersonsController(CommunityPersonService persons, PersonRecordService records, CurrentClient caller,
      CurrentRequest request) {
    this.persons = requireNonNull(persons, "persons is null");
    this.records = requireNonNull(records, "records is null");
    this.caller = requireNonNull(caller, "caller is null");
    this.request = requireNonNull(request, "request is null");
  }

  @Override
  public ResponseEntity<PersonDetail> getCommunityPerson(String communityCode, String masterId, List<String> unmask,
      String purpose) {
    PersonRecordService.PersonView view = records.find(caller.require(), request.auditedQuery(), communityCode, masterId,
        UnmaskRequest.of(unmask, purpose));
    PersonDetail detail = new PersonDetail(toDto(view.person()), view.masked(),
        view.relationships().stream().map(e -> toDto(e, masterId)).toList()).unmaskedFields(view.unmaskedFields());
    if (view.withProvenance()) {
      detail.sourceRecords(view.sourceRecords().stream().map(PersonsController::toDto).toList())
          .provenance(new java.util.TreeMap<>(view.provenance()));
    } else {
      // absent, not empty: an empty list would claim the person has no source records
      detail.setSourceRecords(null);
      detail.setProvenance(null);
    }
    return ResponseEntity.ok(detail);
  }

  private static org.cdhub.api.generated.model.Relationship toDto(org.cdhub.model.entity.Relationship e, String masterId) {
    boolean out = e.fromId().equals(masterId);
    return new org.cdhub.api.generated.model.Relationship(e.relationshipType().name(),
        out ? org.cdhub.api.generated.model.Relationship.DirectionEnum.OUT : org.cdhub.api.generated.model.Relationship.DirectionEnum.IN,
        out ? e.toId() : e.fromId())
        .validFrom(e.validFrom() == null ? null : e.validFrom().atOffset(ZoneOffset.UTC));
  }

  private static SourceRecord toDto(org.cdhub.model.entity.SourceXref x) {
    return new SourceRecord(x.sourceSystem(), x.sourceRecordId())
        .matchRule(x.matchRule())
        .matchScore(x.matchScore())
        .linkedAt(x.linkedAt() == null ? null : x.linkedAt().atOffset(ZoneOffset.UTC));
  }

  @Override
  public ResponseEntity<PersonPage> listCommunityPersons(String communityCode, String cursor, Integer limit,
      List<String> tag, List<AgeBand> ageBand, String building, String grid, List<String> unmask, String purpose) {
    RosterFilters filters = new RosterFilters(tag == null ? null : Set.copyOf(tag),
        ageBand == null ? null : ageBand.stream().map(AgeBand::getValue).collect(Collectors.toSet()), building, grid);
    CommunityPage<MaskedPerson> page = persons.list(caller.require(), request.auditedQuery(), communityCode, filters,
        cursor, limit == null ? CommunityPersonService.DEFAULT_LIMIT : limit, UnmaskRequest.of(unmask, purpose));
    return ResponseEntity.ok(new PersonPage(page.communityCode(), page.masked(),
        page.items().stream().map(PersonsController::toDto).toList(), pageInfo(page)).unmaskedFields(page.unmaskedFields()));
  }

  /** Shared by every community list: one mapping of a page's paging fields. */
  static PageInfo pageInfo(CommunityPage<?> page) {
    return new PageInfo(page.limit(), page.hasMore())
        .nextCursor(page.nextCursor())
        .snapshotId(page.snapshotId() == null ? null : Long.toString(page.snapshotId()));
  }

  /** Shared with the change feed: one mapping of a masked person. */
  static Person toDto(MaskedPerson p) {
    return new Person(p.masterId(), Sex.fromValue(p.sex().name()), p.communityCode(), p.tags())
        .name(p.name())
        .idNumber(p.idNumber())
        .birthYear(p.birthYear())
        .ageBand(p.ageBand())
        .phone(p.phone())
        .address(p.address())
        .houseId(p.houseId())
        .districtCode(p.districtCode())
        .gridCode(p.gridCode())
        .status(p.status() == null ? null : Person.StatusEnum.fromValue(p.status().name()))
        .updatedAt(p.updatedAt() == null ? null : p.updatedAt().atOffset(ZoneOffset.UTC));
  }
}
