package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

import org.cdhub.api.audit.AuditedQuery;
import org.cdhub.api.security.ApiClient;
import org.cdhub.api.security.OutsideJurisdictionException;
import org.cdhub.api.security.UnmaskNotGrantedException;
import org.cdhub.api.security.UnmaskRequest;
import org.cdhub.model.entity.MasterPerson;
import org.cdhub.model.lakehouse.LakehouseTable;

/**
 * Lists a community's persons for a client platform, optionally filtered (key populations by
 * tag, age bands, a building, a grid), through the {@link CommunityPager} every community list
 * shares: the read is opened by {@link CommunityAccess} (jurisdiction, the client's grids, unmask
 * grant), pinned to a snapshot and filters by the cursor, masked as granted and audited.
 */
public final class CommunityPersonService {
  public static final String DATASET = LakehouseTable.GOLD_PERSON.qualifiedName();
  public static final int DEFAULT_LIMIT = CommunityPager.DEFAULT_LIMIT;
  public static final int MAX_LIMIT = CommunityPager.MAX_LIMIT;

  private final CommunityListing<MasterPerson> persons;
  private final PersonMasking masking;
  private final CommunityPager pager;

  public CommunityPersonService(GoldPersonRepository persons, PersonMasking masking, CommunityPager pager) {
    requireNonNull(persons, "persons is null");
    this.persons = new CommunityListing<>("persons", DATASET, persons::currentSnapshotId, persons::findByCommunityAfter,
        MasterPerson::masterId, CommunityListing.RowGrid.own(MasterPerson::gridCode));
    this.masking = requireNonNull(masking, "masking is null");
    this.pager = requireNonNull(pager, "pager is null");
  }

  /**
   * One page of the community's persons that pass {@code filters}, masked but for the fields
   * {@code unmask} asks for under a grant.
   *
   * @param query the request, as the audit log records it
   * @param cursorToken {@code nextCursor} of the previous page, null for the first page
   * @throws OutsideJurisdictionException if the client may not read the community (audited)
   * @throws UnmaskNotGrantedException if a field asked for is not granted (audited)
   * @throws InvalidCursorException if the cursor is malformed, for another list, community or filters, or expired
   * @throws DatasetUnavailableException if gold.person (or, with a building filter, gold.place) does not exist yet
   */
  public CommunityPage<MaskedPerson> list(ApiClient client, AuditedQuery query, String communityCode,
      RosterFilters filters, String cursorToken, int limit, UnmaskRequest unmask) {
    requireNonNull(filters, "filters is null");
    return pager.page(client, query, persons, communityCode, filters.selection(masking.today()), cursorToken, limit,
        unmask, read -> read::mask);
  }

  /** A filtered page with every personal field masked. */
  public CommunityPage<MaskedPerson> list(ApiClient client, AuditedQuery query, String communityCode,
      RosterFilters filters, String cursorToken, int limit) {
    return list(client, query, communityCode, filters, cursorToken, limit, UnmaskRequest.NONE);
  }

  /** The whole roster, unfiltered and masked. */
  public CommunityPage<MaskedPerson> list(ApiClient client, AuditedQuery query, String communityCode, String cursorToken,
      int limit) {
    return list(client, query, communityCode, RosterFilters.NONE, cursorToken, limit, UnmaskRequest.NONE);
  }
}
