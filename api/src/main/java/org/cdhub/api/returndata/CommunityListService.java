package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.function.Predicate;
import org.cdhub.api.audit.AuditedQuery;
import org.cdhub.api.problem.InvalidParameterException;
import org.cdhub.api.security.ApiClient;
import org.cdhub.api.security.UnmaskRequest;
import org.cdhub.api.security.OutsideJurisdictionException;
import org.cdhub.model.entity.MasterEvent;
import org.cdhub.model.entity.MasterOrganization;
import org.cdhub.model.entity.MasterPlace;
import org.cdhub.model.entity.PlaceType;

/**
 * Lists a community's places, organizations and events for a client platform, each served from
 * its projected gold table through the {@link CommunityPager} the roster uses: jurisdiction,
 * pinned snapshot and filters, masking, audit (under the table's name).
 *
 * <p>Every method throws {@link OutsideJurisdictionException} for a community outside the
 * client's jurisdiction (audited), {@link InvalidCursorException} for a cursor that is malformed,
 * of another list, community or filters, or expired, and {@link DatasetUnavailableException}
 * while the table (or gold.place, for a grid filter) does not exist.
 */
public final class CommunityListService {
  private final CommunityPager pager;
  private final CommunityListing<MasterPlace> places;
  private final CommunityListing<MasterOrganization> organizations;
  private final CommunityListing<MasterEvent> events;
  private final MasterRecordMasking masking;

  public CommunityListService(CommunityPager pager, ProjectedTable<CommunityProjection<MasterOrganization>> organizations,
      ProjectedTable<CommunityProjection<MasterEvent>> events, MasterRecordMasking masking) {
    this.pager = requireNonNull(pager, "pager is null");
    this.places = pager.placeListing();
    this.organizations = CommunityListing.of("organizations", requireNonNull(organizations, "organizations is null"),
        p -> p, MasterOrganization::masterId, CommunityListing.RowGrid.ofPlace(MasterOrganization::placeId));
    this.events = CommunityListing.of("events", requireNonNull(events, "events is null"), p -> p, MasterEvent::masterId,
        CommunityListing.RowGrid.ofPlace(MasterEvent::placeId));
    this.masking = requireNonNull(masking, "masking is null");
  }

  /**
   * The filters of a place list.
   *
   * @param kind only places of this level; null: all
   * @param grid only places in this grid (their own grid code, or their nearest enclosing place's); null: all
   */
  public record PlaceFilters(PlaceType kind, String grid) implements RowSelection<MasterPlace> {
    @Override
    public ListFilters filters() {
      return ListFilters.builder().with("kind", kind).with("grid", grid).build();
    }

    @Override
    public boolean usesPlaces() {
      return grid != null;
    }

    @Override
    public Predicate<? super MasterPlace> predicate(PlaceProjection hierarchy) {
      Predicate<MasterPlace> kindOf = kind == null ? null : p -> p.placeType() == kind;
      Predicate<MasterPlace> inGrid = grid == null ? null : p -> grid.equals(hierarchy.gridOf(p.masterId()));
      return kindOf == null ? inGrid : inGrid == null ? kindOf : kindOf.and(inGrid);
    }
  }

  /**
   * The filters of an event list.
   *
   * @param grid only events whose place lies in this grid; null: all
   * @param from only events that occurred at or after it; null: no lower bound
   * @param until only events that occurred before it; null: no upper bound
   */
  public record EventFilters(String grid, Instant from, Instant until) implements RowSelection<MasterEvent> {
    public EventFilters {
      if (from != null && until != null && !until.isAfter(from)) {
        throw new InvalidParameterException("until", "after-from",
            "Cannot list events: until must be after from, was from=" + from + " until=" + until);
      }
    }

    @Override
    public ListFilters filters() {
      return ListFilters.builder().with("grid", grid).with("from", from).with("until", until).build();
    }

    @Override
    public boolean usesPlaces() {
      return grid != null;
    }

    @Override
    public Predicate<? super MasterEvent> predicate(PlaceProjection hierarchy) {
      Predicate<MasterEvent> all = grid == null ? null : e -> grid.equals(hierarchy.gridOf(e.placeId()));
      if (from != null || until != null) {
        Predicate<MasterEvent> window = e -> e.occurredAt() != null
            && (from == null || !e.occurredAt().isBefore(from))
            && (until == null || e.occurredAt().isBefore(until));
        all = all == null ? window : all.and(window);
      }
      return all;
    }
  }

  /** One page of the community's places, houses masked. */
  public CommunityPage<MaskedPlace> places(ApiClient client, AuditedQuery query, String communityCode,
      PlaceFilters filters, String cursorToken, int limit) {
    return pager.page(client, query, places, communityCode, requireNonNull(filters, "filters is null"), cursorToken,
        limit, UnmaskRequest.NONE, read -> masking::place);
  }

  /** One page of the community's organizations, only grid filtered ({@code grid} null: all). */
  public CommunityPage<MaskedOrganization> organizations(ApiClient client, AuditedQuery query, String communityCode,
      String grid, String cursorToken, int limit) {
    return pager.page(client, query, organizations, communityCode, byPlaceGrid(grid, MasterOrganization::placeId),
        cursorToken, limit, UnmaskRequest.NONE, read -> masking::organization);
  }

  /** One page of the community's events. */
  public CommunityPage<MaskedEvent> events(ApiClient client, AuditedQuery query, String communityCode,
      EventFilters filters, String cursorToken, int limit) {
    return pager.page(client, query, events, communityCode, requireNonNull(filters, "filters is null"), cursorToken,
        limit, UnmaskRequest.NONE, read -> masking::event);
  }

  /** Rows whose place lies in {@code grid}; null selects all. */
  private static <T> RowSelection<T> byPlaceGrid(String grid, java.util.function.Function<T, String> placeId) {
    return RowSelection.of(ListFilters.builder().with("grid", grid).build(), grid != null,
        hierarchy -> grid == null ? null : row -> grid.equals(hierarchy.gridOf(placeId.apply(row))));
  }
}
