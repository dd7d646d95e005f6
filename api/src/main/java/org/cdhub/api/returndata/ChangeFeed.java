package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.cdhub.api.audit.AuditedQuery;
import org.cdhub.api.audit.PersonalDataAudit;
import org.cdhub.api.security.ApiClient;
import org.cdhub.api.security.CommunityScope;
import org.cdhub.api.security.OutsideJurisdictionException;
import org.cdhub.api.security.UnmaskRequest;
import org.cdhub.model.entity.MasterPerson;

/**
 * A community's change feed over gold.person, so a platform can keep a local copy in sync:
 * the net inserts, updates, merges and deletes between the snapshot of the platform's cursor
 * and a newer one. Checks the jurisdiction, masks as the roster does and audits every answer
 * before it leaves the hub; jurisdiction refusals are audited too.
 */
public final class ChangeFeed {
  public static final String DATASET = CommunityPersonService.DATASET;
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;
  /** Diffs kept for the next pages of a catch-up; snapshots never change, so a kept diff never goes stale. */
  static final int KEPT_DIFFS = 8;

  private final GoldPersonHistory persons;
  private final MasterAliasRepository aliases;
  private final CommunityAccess access;
  private final Map<DiffKey, CommunityDiff> recentDiffs = new LinkedHashMap<>(KEPT_DIFFS * 2, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<DiffKey, CommunityDiff> eldest) {
      return size() > KEPT_DIFFS;
    }
  };

  public ChangeFeed(GoldPersonHistory persons, MasterAliasRepository aliases, CommunityAccess access) {
    this.persons = requireNonNull(persons, "persons is null");
    this.aliases = requireNonNull(aliases, "aliases is null");
    this.access = requireNonNull(access, "access is null");
  }

  public ChangeFeed(GoldPersonHistory persons, MasterAliasRepository aliases, PersonMasking masking,
      PersonalDataAudit audit) {
    this(persons, aliases, CommunityAccess.withoutGrants(masking, audit));
  }

  /**
   * The changes after {@code sinceToken}, or a starting cursor at the current snapshot if it is null.
   *
   * @throws OutsideJurisdictionException if the client may not read the community (audited)
   * @throws InvalidCursorException (field {@code since}) if the cursor is malformed, for another community or expired
   * @throws DatasetUnavailableException if gold.person does not exist yet
   */
  public ChangeFeedPage read(ApiClient client, AuditedQuery query, String communityCode, String sinceToken, int limit) {
    requireNonNull(client, "client is null");
    requireNonNull(query, "query is null");
    requireNonNull(communityCode, "communityCode is null");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "Cannot list changes: limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
    CommunityRead read = access.open(client, query, DATASET, PersonalDataAudit.CHANGES, communityCode, UnmaskRequest.NONE);
    ChangeCursor since = sinceToken == null ? null : ChangeCursor.decode(sinceToken);
    if (since != null && !since.communityCode().equals(communityCode)) {
      throw new InvalidCursorException(InvalidCursorException.SINCE, InvalidCursorException.OTHER_COMMUNITY,
          "Cannot use change cursor: it follows community " + since.communityCode() + ", not " + communityCode, null);
    }
    ChangeFeedPage page;
    if (since == null) {
      Long current = current();
      page = new ChangeFeedPage(communityCode, List.of(), limit, current, null,
          ChangeCursor.at(communityCode, current).encode(), false);
    } else if (since.atRest()) {
      Long current = current();
      page = Objects.equals(current, since.fromSnapshotId())
          ? new ChangeFeedPage(communityCode, List.of(), limit, current, null, sinceToken, false)
          : catchUp(read, since, current, limit);
    } else {
      page = catchUp(read, since, null, limit);
    }
    read.audited(page.changes().stream().map(MaskedChange::masterId).toList());
    return page;
  }

  /** @param current the table's current snapshot when the cursor is at rest; null (not read yet) mid catch-up */
  private ChangeFeedPage catchUp(CommunityRead read, ChangeCursor since, Long current, int limit) {
    String communityCode = since.communityCode();
    Long from = since.fromSnapshotId();
    if (since.atRest() && current == null) {
      // the cursor names a snapshot, the table has none: it was dropped and created again
      throw expired(from, null);
    }
    long to = since.atRest() ? current : since.toSnapshotId();
    CommunityDiff diff = diff(read, from, to);
    // one more than asked tells whether this catch-up has another page
    List<CommunityDiff.Entry> entries = diff.after(since.lastMasterId(), limit + 1);
    boolean more = entries.size() > limit;
    List<CommunityDiff.Entry> shown = more ? entries.subList(0, limit) : entries;
    List<MaskedChange> changes = new ArrayList<>(shown.size());
    for (CommunityDiff.Entry e : shown) {
      changes.add(new MaskedChange(e.type(), e.masterId(), e.survivorId(),
          e.person() == null ? null : read.mask(e.person()), to));
    }
    if (more) {
      String next = new ChangeCursor(communityCode, from, to, shown.get(shown.size() - 1).masterId()).encode();
      return new ChangeFeedPage(communityCode, changes, limit, from, to, next, true);
    }
    // caught up with `to`; more is pending if another snapshot landed meanwhile
    Long now = since.atRest() ? current : current();
    return new ChangeFeedPage(communityCode, changes, limit, from, to, ChangeCursor.at(communityCode, to).encode(),
        !Objects.equals(now, to));
  }

  /** The diff of what the read sees: for a grid-bound client, moving between grids is a delete and an insert. */
  private CommunityDiff diff(CommunityRead read, Long from, long to) {
    String communityCode = read.scope().communityCode();
    DiffKey key = new DiffKey(read.scope(), from, to);
    synchronized (recentDiffs) {
      CommunityDiff kept = recentDiffs.get(key);
      if (kept != null) {
        return kept;
      }
    }
    // computed outside the lock: two platforms catching up at once may both compute it, harmlessly
    CommunityDiff diff;
    try {
      // the two states are read side by side: reading Parquet is most of a diff's time
      CompletableFuture<List<MasterPerson>> before = from == null
          ? CompletableFuture.completedFuture(List.of())
          : CompletableFuture.supplyAsync(() -> visible(read, persons.findAllByCommunity(communityCode, from)));
      List<MasterPerson> after = visible(read, persons.findAllByCommunity(communityCode, to));
      diff = CommunityDiff.between(communityCode, from, to, join(before), after, aliases::survivorsOfPersons);
    } catch (SnapshotExpiredException e) {
      throw expired(e.snapshotId(), e);
    }
    synchronized (recentDiffs) {
      recentDiffs.put(key, diff);
    }
    return diff;
  }

  private static List<MasterPerson> visible(CommunityRead read, List<MasterPerson> persons) {
    return read.scope().whole() ? persons : persons.stream().filter(read::sees).toList();
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      // rethrown as it was thrown, so that callers see the repository's own exceptions
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  private Long current() {
    return boxed(persons.currentSnapshotId());
  }

  private static InvalidCursorException expired(Long snapshotId, Throwable cause) {
    return new InvalidCursorException(InvalidCursorException.SINCE, InvalidCursorException.EXPIRED,
        "Cannot use change cursor: snapshot " + snapshotId + " of " + DATASET
            + " is no longer kept; start again without since and reload the roster", cause);
  }

  private static Long boxed(OptionalLong snapshot) {
    return snapshot.isPresent() ? snapshot.getAsLong() : null;
  }

  private record DiffKey(CommunityScope scope, Long from, long to) {}
}
