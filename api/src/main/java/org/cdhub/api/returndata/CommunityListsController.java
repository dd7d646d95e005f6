package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.cdhub.api.audit.CurrentRequest;
import org.cdhub.api.generated.api.EventsApi;
import org.cdhub.api.generated.api.OrganizationsApi;
import org.cdhub.api.generated.api.PlacesApi;
import org.cdhub.api.generated.model.Event;
import org.cdhub.api.generated.model.EventPage;
import org.cdhub.api.generated.model.Organization;
import org.cdhub.api.generated.model.OrganizationPage;
import org.cdhub.api.generated.model.Place;
import org.cdhub.api.generated.model.PlaceKind;
import org.cdhub.api.generated.model.PlacePage;
import org.cdhub.api.security.CurrentClient;
import org.cdhub.model.entity.PlaceType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/** The places, organizations and events of a community: binds, calls the service, maps the page. */
@RestController
class CommunityListsController implements PlacesApi, OrganizationsApi, EventsApi {
  private final CommunityListService lists;
  private final CurrentClient caller;
  private final CurrentRequest request;

  CommunityListsController(CommunityListService lists, CurrentClient caller, CurrentRequest request) {
    this.lists = requireNonNull(lists, "lists is null");
    this.caller = requireNonNull(caller, "caller is null");
    this.request = requireNonNull(request, "request is null");
  }

  @Override
  public ResponseEntity<PlacePage> listCommunityPlaces(String communityCode, String cursor, Integer limit, PlaceKind kind,
      String grid) {
    CommunityPage<MaskedPlace> page = lists.places(caller.require(), request.auditedQuery(), communityCode,
        new CommunityListService.PlaceFilters(kind == null ? null : PlaceType.valueOf(kind.getValue()), grid), cursor,
        limitOrDefault(limit));
    return ResponseEntity.ok(new PlacePage(page.communityCode(), page.masked(),
        page.items().stream().map(CommunityListsController::toDto).toList(), PersonsController.pageInfo(page)));
  }

  @Override
  public ResponseEntity<OrganizationPage> listCommunityOrganizations(String communityCode, String cursor, Integer limit,
      String grid) {
    CommunityPage<MaskedOrganization> page = lists.organizations(caller.require(), request.auditedQuery(), communityCode,
        grid, cursor, limitOrDefault(limit));
    return ResponseEntity.ok(new OrganizationPage(page.communityCode(), page.masked(),
        page.items().stream().map(CommunityListsController::toDto).toList(), PersonsController.pageInfo(page)));
  }

  @Override
  public ResponseEntity<EventPage> listCommunityEvents(String communityCode, String cursor, Integer limit, String grid,
      OffsetDateTime from, OffsetDateTime until) {
    CommunityPage<MaskedEvent> page = lists.events(caller.require(), request.auditedQuery(), communityCode,
        new CommunityListService.EventFilters(grid, from == null ? null : from.toInstant(),
            until == null ? null : until.toInstant()), cursor, limitOrDefault(limit));
    return ResponseEntity.ok(new EventPage(page.communityCode(), page.masked(),
        page.items().stream().map(CommunityListsController::toDto).toList(), PersonsController.pageInfo(page)));
  }

  private static int limitOrDefault(Integer limit) {
    return limit == null ? CommunityPager.DEFAULT_LIMIT : limit;
  }

  private static Place toDto(MaskedPlace p) {
    return new Place(p.masterId(), PlaceKind.fromValue(p.kind().name()), p.communityCode())
        .code(p.code())
        .name(p.name())
        .parentId(p.parentId())
        .address(p.address())
        .districtCode(p.districtCode())
        .gridCode(p.gridCode())
        .updatedAt(utc(p.updatedAt()));
  }

  private static Organization toDto(MaskedOrganization o) {
    return new Organization(o.masterId())
        .communityCode(o.communityCode())
        .creditCode(o.creditCode())
        .name(o.name())
        .orgType(o.orgType())
        .legalRepresentative(o.legalRepresentative())
        .address(o.address())
        .placeId(o.placeId())
        .updatedAt(utc(o.updatedAt()));
  }

  private static Event toDto(MaskedEvent e) {
    return new Event(e.masterId(), e.eventType(), e.communityCode(), e.personIds())
        .sourceEventId(e.sourceEventId())
        .occurredAt(utc(e.occurredAt()))
        .status(e.status())
        .placeId(e.placeId())
        .description(e.description())
        .updatedAt(utc(e.updatedAt()));
  }

  private static OffsetDateTime utc(java.time.Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
