package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalLong;
import org.cdhub.api.audit.AuditedQuery;
import org.cdhub.api.audit.PersonalDataAudit;
import org.cdhub.api.security.ApiClient;
import org.cdhub.api.security.OutsideJurisdictionException;
import org.cdhub.api.security.UnmaskNotGrantedException;
import org.cdhub.api.security.UnmaskRequest;
import org.cdhub.model.entity.MasterPerson;
import org.cdhub.model.lakehouse.LakehouseTable;

/**
 * Lists a community's persons for a client platform: opens the read through {@link CommunityAccess}
 * (jurisdiction, grids, unmask grant), reads one page at the snapshot pinned by the cursor, masks
 * it, and audits the read before anything leaves the hub. Refusals are audited too.
 */
public final class CommunityPersonService {
  public static final String DATASET = LakehouseTable.GOLD_PERSON.qualifiedName();
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  private final GoldPersonRepository persons;
  private final CommunityAccess access;

  public CommunityPersonService(GoldPersonRepository persons, CommunityAccess access) {
    this.persons = requireNonNull(persons, "persons is null");
    this.access = requireNonNull(access, "access is null");
  }

  /** A service that refuses every unmask request (no grants). */
  public CommunityPersonService(GoldPersonRepository persons, PersonMasking masking, PersonalDataAudit audit) {
    this(persons, CommunityAccess.withoutGrants(masking, audit));
  }

  /** A masked page. */
  public RosterPage list(ApiClient client, AuditedQuery query, String communityCode, String cursorToken, int limit) {
    return list(client, query, communityCode, cursorToken, limit, UnmaskRequest.NONE);
  }

  /**
   * One page of the community's masked persons.
   *
   * @param query the request, as the audit log records it
   * @param cursorToken {@code nextCursor} of the previous page, null for the first page
   * @param unmask the fields asked for unmasked, and the purpose stated
   * @throws OutsideJurisdictionException if the client may not read the community (audited)
   * @throws UnmaskNotGrantedException if a field asked for is not granted (audited)
   * @throws InvalidCursorException if the cursor is malformed, for another community or expired
   * @throws DatasetUnavailableException if gold.person does not exist yet
   */
  public RosterPage list(ApiClient client, AuditedQuery query, String communityCode, String cursorToken, int limit,
      UnmaskRequest unmask) {
    requireNonNull(client, "client is null");
    requireNonNull(query, "query is null");
    requireNonNull(communityCode, "communityCode is null");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "Cannot list persons: limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
    CommunityRead read = access.open(client, query, DATASET, PersonalDataAudit.LIST, communityCode, unmask);
    RosterCursor cursor = cursorToken == null ? null : RosterCursor.decode(cursorToken);
    if (cursor != null && !cursor.communityCode().equals(communityCode)) {
      throw new InvalidCursorException(InvalidCursorException.OTHER_COMMUNITY,
          "Cannot use cursor: it walks community " + cursor.communityCode() + ", not " + communityCode);
    }
    OptionalLong snapshot = cursor != null ? OptionalLong.of(cursor.snapshotId()) : persons.currentSnapshotId();
    if (snapshot.isEmpty()) {
      read.audited(List.of());
      return new RosterPage(communityCode, List.of(), limit, null, null, read.unmaskedFields());
    }
    long snapshotId = snapshot.getAsLong();
    List<MasterPerson> rows;
    try {
      // one more than asked tells whether another page follows
      rows = read.page((after, n) -> persons.findByCommunityAfter(communityCode, snapshotId, after, n),
          cursor == null ? null : cursor.lastMasterId(), limit + 1);
    } catch (SnapshotExpiredException e) {
      throw new InvalidCursorException(InvalidCursorException.EXPIRED,
          "Cannot use cursor: snapshot " + snapshotId + " of " + DATASET
              + " is no longer kept; start again without a cursor", e);
    }
    boolean more = rows.size() > limit;
    List<MasterPerson> page = more ? rows.subList(0, limit) : rows;
    List<MaskedPerson> masked = page.stream().map(read::mask).toList();
    String next = more
        ? new RosterCursor(communityCode, snapshotId, page.get(page.size() - 1).masterId()).encode()
        : null;
    read.audited(masked.stream().map(MaskedPerson::masterId).toList());
    return new RosterPage(communityCode, masked, limit, snapshotId, next, read.unmaskedFields());
  }
}
