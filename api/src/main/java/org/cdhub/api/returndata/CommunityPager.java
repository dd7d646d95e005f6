package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Predicate;
import org.cdhub.api.audit.AuditedQuery;
import org.cdhub.api.audit.PersonalDataAudit;
import org.cdhub.api.security.ApiClient;
import org.cdhub.api.security.OutsideJurisdictionException;
import org.cdhub.api.security.UnmaskNotGrantedException;
import org.cdhub.api.security.UnmaskRequest;
import org.cdhub.model.entity.MasterPlace;

/**
 * The walk every community list shares: opens the read through {@link CommunityAccess}
 * (jurisdiction, the client's grids, unmask grant; refusals audited), reads one page at the
 * snapshot (and with the filters) pinned by the cursor, of the rows the client sees, masks it,
 * and audits the read before anything leaves the hub.
 */
public final class CommunityPager {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;
  /** The parameter a mismatched filter is reported under is the filter; this is its rule. */
  public static final String CURSOR_MISMATCH = "cursor-mismatch";

  private final ProjectedTable<PlaceProjection> places;
  private final CommunityAccess access;

  /**
   * @param places gold.place, for filters answered from its hierarchy (building, grid)
   */
  public CommunityPager(ProjectedTable<PlaceProjection> places, CommunityAccess access) {
    this.places = requireNonNull(places, "places is null");
    this.access = requireNonNull(access, "access is null");
  }

  /** gold.place itself as a list. */
  CommunityListing<MasterPlace> placeListing() {
    return CommunityListing.of("places", places, PlaceProjection::places, MasterPlace::masterId,
        CommunityListing.RowGrid.own(MasterPlace::gridCode));
  }

  /**
   * One page of a community's list, masked.
   *
   * @param query the request, as the audit log records it
   * @param cursorToken {@code nextCursor} of the previous page, null for the first page
   * @param mask how the opened read shows a row (persons: as granted; other rows: their own masking)
   * @throws OutsideJurisdictionException if the client may not read the community (audited)
   * @throws UnmaskNotGrantedException if a field asked for is not granted (audited)
   * @throws InvalidCursorException if the cursor is malformed, of another list or community, made
   *     for other filters (the field is the first filter that differs), or expired
   * @throws DatasetUnavailableException if the list's table (or gold.place, for its filters) does not exist yet
   */
  <T, M> CommunityPage<M> page(ApiClient client, AuditedQuery query, CommunityListing<T> listing, String communityCode,
      RowSelection<T> selection, String cursorToken, int limit, UnmaskRequest unmask,
      Function<CommunityRead, Function<? super T, M>> mask) {
    requireNonNull(client, "client is null");
    requireNonNull(query, "query is null");
    requireNonNull(listing, "listing is null");
    requireNonNull(communityCode, "communityCode is null");
    requireNonNull(selection, "selection is null");
    requireNonNull(mask, "mask is null");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "Cannot list " + listing.dataset() + ": limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
    CommunityRead read = access.open(client, query, listing.dataset(), PersonalDataAudit.LIST, communityCode,
        requireNonNull(unmask, "unmask is null"));
    PageCursor cursor = cursorToken == null ? null : PageCursor.decode(cursorToken);
    if (cursor != null) {
      requireSameWalk(cursor, listing.name(), communityCode, selection.filters());
    }
    OptionalLong snapshot = cursor != null ? OptionalLong.of(cursor.snapshotId()) : listing.currentSnapshot().get();
    if (snapshot.isEmpty()) {
      read.audited(List.of());
      return new CommunityPage<>(communityCode, List.of(), limit, null, null, read.unmaskedFields());
    }
    long snapshotId = snapshot.getAsLong();
    Long placeSnapshotId = null;
    PlaceProjection hierarchy = null;
    // a grid-bound client reading rows whose grid is their place's needs the places as much as a building or grid filter
    if (selection.usesPlaces() || !read.scope().whole() && listing.grid().needsPlaces()) {
      OptionalLong pinned = cursor != null ? optional(cursor.placeSnapshotId()) : places.currentSnapshotId();
      if (pinned.isEmpty()) {
        // no place is known, so no row lies in any building or grid
        read.audited(List.of());
        return new CommunityPage<>(communityCode, List.of(), limit, snapshotId, null, read.unmaskedFields());
      }
      placeSnapshotId = pinned.getAsLong();
      hierarchy = served(places.dataset(), () -> places.at(pinned.getAsLong()), pinned.getAsLong());
    }
    Predicate<? super T> selected = selection.predicate(hierarchy);
    // a grid-bound client sees only rows of its grids; a row of no known grid only the whole community's clients
    Predicate<? super T> filter = read.scope().whole() ? selected // null: every row, the projection's fast path
        : gridScoped(read, listing.grid(), hierarchy, selected);
    String after = cursor == null ? null : cursor.lastMasterId();
    // one more than asked tells whether another page follows
    List<T> rows = served(listing.dataset(),
        () -> listing.rows().after(communityCode, snapshotId, after, limit + 1, filter), snapshotId);
    boolean more = rows.size() > limit;
    List<T> page = more ? rows.subList(0, limit) : rows;
    Function<? super T, M> shown = mask.apply(read);
    List<M> masked = page.stream().<M>map(shown).toList();
    String next = more
        ? new PageCursor(listing.name(), communityCode, snapshotId, placeSnapshotId, selection.filters(),
            listing.masterId().apply(page.get(page.size() - 1))).encode()
        : null;
    read.audited(page.stream().map(listing.masterId()).toList());
    return new CommunityPage<>(communityCode, masked, limit, snapshotId, next, read.unmaskedFields());
  }

  private static void requireSameWalk(PageCursor cursor, String list, String communityCode, ListFilters filters) {
    if (!cursor.list().equals(list)) {
      throw new InvalidCursorException(InvalidCursorException.OTHER_LIST,
          "Cannot use cursor: it walks the " + cursor.list() + " of a community, not its " + list);
    }
    if (!cursor.communityCode().equals(communityCode)) {
      throw new InvalidCursorException(InvalidCursorException.OTHER_COMMUNITY,
          "Cannot use cursor: it walks community " + cursor.communityCode() + ", not " + communityCode);
    }
    Optional<String> differs = cursor.filters().firstDifference(filters);
    if (differs.isPresent()) {
      String field = differs.get();
      throw new InvalidCursorException(field, CURSOR_MISMATCH, "Cannot use cursor: it was made for "
          + cursor.filters().describe(field) + ", this request has " + filters.describe(field)
          + "; pass the first page's filters with each of its cursors, or start again without a cursor", null);
    }
  }

  /** Runs a read pinned to {@code snapshotId} of {@code dataset}; an expired snapshot is the cursor's fault. */
  private static <R> R served(String dataset, java.util.function.Supplier<R> read, long snapshotId) {
    try {
      return read.get();
    } catch (SnapshotExpiredException e) {
      throw new InvalidCursorException(InvalidCursorException.EXPIRED,
          "Cannot use cursor: snapshot " + snapshotId + " of " + dataset
              + " is no longer kept; start again without a cursor", e);
    }
  }

  private static OptionalLong optional(Long value) {
    return value == null ? OptionalLong.empty() : OptionalLong.of(value);
  }

  /** Rows of the client's grids that {@code selected} (null: all) passes. */
  private static <T> Predicate<T> gridScoped(CommunityRead read, CommunityListing.RowGrid<T> grid, PlaceProjection places,
      Predicate<? super T> selected) {
    return row -> read.scope().sees(grid.of(row, places)) && (selected == null || selected.test(row));
  }
}
