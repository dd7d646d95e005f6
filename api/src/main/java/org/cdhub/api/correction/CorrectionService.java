package org.cdhub.api.correction;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.cdhub.api.audit.AuditedQuery;
import org.cdhub.api.audit.PersonalDataAudit;
import org.cdhub.api.problem.InvalidParameterException;
import org.cdhub.api.returndata.CommunityAccess;
import org.cdhub.api.returndata.CommunityRead;
import org.cdhub.api.returndata.CursorToken;
import org.cdhub.api.returndata.GoldPersonRecords;
import org.cdhub.api.returndata.InvalidCursorException;
import org.cdhub.api.returndata.PersonNotFoundException;
import org.cdhub.api.returndata.PersonRecord;
import org.cdhub.api.returndata.PersonRecordService;
import org.cdhub.api.security.ApiClient;
import org.cdhub.api.security.RoleRequiredException;
import org.cdhub.api.security.UnmaskRequest;
import org.cdhub.catalog.correction.CommunityCorrection;
import org.cdhub.catalog.correction.CommunityCorrectionRepository;
import org.cdhub.catalog.correction.CorrectionKind;
import org.cdhub.kernel.Masking;

/**
 * Corrections a community sends about its master persons, and their status. Every call needs role
 * {@link ApiClient#CORRECTIONS} and passes {@link CommunityAccess} (jurisdiction and grids); a
 * correction can only name a person the client sees, whose ID number the hub looks up itself.
 * Refusals and every write and status read are audited; neither the ID number nor the sent value
 * (but masked) ever leaves.
 */
public final class CorrectionService {
  /** The audit's dataset of status reads. */
  public static final String DATASET = "catalog." + CommunityCorrection.FEED;
  /** The audit's action of a correction sent: it reads the person's ID number from gold.person. */
  public static final String CORRECT = "CORRECT";
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;
  static final String CURSOR_VERSION = "k1";

  /** What the sender sees of a correction: the value masked, the status worked out now. */
  public record CorrectionView(CommunityCorrection correction, String maskedValue, CorrectionProgress.Progress progress) {
    public CorrectionView {
      requireNonNull(correction, "correction is null");
      requireNonNull(progress, "progress is null");
    }
  }

  /** One page of a sender's corrections; {@code nextCursor} null on the last page. */
  public record CorrectionPage(String communityCode, List<CorrectionView> items, int limit, String nextCursor) {
    public CorrectionPage {
      items = List.copyOf(items);
    }

    public boolean hasMore() {
      return nextCursor != null;
    }
  }

  private final CommunityCorrectionRepository corrections;
  private final GoldPersonRecords persons;
  private final CorrectionProgress progress;
  private final CommunityAccess access;
  private final PersonalDataAudit audit;
  private final Clock clock;

  public CorrectionService(CommunityCorrectionRepository corrections, GoldPersonRecords persons,
      CorrectionProgress progress, CommunityAccess access, PersonalDataAudit audit, Clock clock) {
    this.corrections = requireNonNull(corrections, "corrections is null");
    this.persons = requireNonNull(persons, "persons is null");
    this.progress = requireNonNull(progress, "progress is null");
    this.access = requireNonNull(access, "access is null");
    this.audit = requireNonNull(audit, "audit is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /**
   * Stores a correction of a person the client sees.
   *
   * @throws RoleRequiredException without role corrections (audited)
   * @throws org.cdhub.api.security.OutsideJurisdictionException outside the jurisdiction (audited)
   * @throws PersonNotFoundException if the client sees no such person in the community (audited)
   * @throws org.cdhub.catalog.correction.InvalidCorrectionException if the correction breaks a rule
   */
  public CorrectionView submit(ApiClient client, AuditedQuery query, String communityCode, String masterId,
      CorrectionKind kind, String value, LocalDate effectiveDate, String note) {
    requireNonNull(masterId, "masterId is null");
    CommunityRead read = open(client, query, PersonRecordService.DATASET, CORRECT, communityCode, "send corrections");
    PersonRecord person = persons.find(masterId).filter(p -> read.sees(p.person())).orElse(null);
    if (person == null) {
      audit.refused(client, null, query, PersonRecordService.DATASET, CORRECT, read.scope().auditScope());
      throw new PersonNotFoundException(communityCode, masterId);
    }
    if (person.person().idNumber() == null) {
      throw new InvalidParameterException("masterId", "no-id-number", "Cannot correct person " + masterId
          + ": it has no ID number, and the pipeline links a correction to its person by ID number");
    }
    // checks every rule before the audit says the person was read
    CommunityCorrection request = CommunityCorrection.request(client.id(), communityCode, masterId,
        person.person().idNumber(), kind, value, effectiveDate, note, clock.instant());
    read.audited(List.of(masterId));
    CommunityCorrection stored = corrections.submit(request);
    return view(stored, new CorrectionProgress.Progress(CorrectionStatus.RECEIVED, null));
  }

  /** The client's own corrections in the community, oldest first, after the cursor's. */
  public CorrectionPage list(ApiClient client, AuditedQuery query, String communityCode, String cursor, int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidParameterException("limit", limit < 1 ? "min" : "max",
          "limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
    CommunityRead read = open(client, query, DATASET, PersonalDataAudit.LIST, communityCode, "read corrections");
    long after = cursor == null ? 0 : afterId(cursor, communityCode);
    List<CommunityCorrection> rows = corrections.findBySender(client.id(), communityCode, after, limit + 1);
    boolean more = rows.size() > limit;
    List<CommunityCorrection> page = more ? rows.subList(0, limit) : rows;
    Map<Long, CorrectionProgress.Progress> status = progress.of(page);
    List<CorrectionView> views = page.stream().map(c -> view(c, status.get(c.id()))).toList();
    read.audited(page.stream().map(CommunityCorrection::masterId).distinct().toList());
    String next = more ? CursorToken.encode(CURSOR_VERSION, communityCode, Long.toString(page.get(limit - 1).id())) : null;
    return new CorrectionPage(communityCode, views, limit, next);
  }

  /** One of the client's corrections; another client's, or another community's, is not found. */
  public CorrectionView find(ApiClient client, AuditedQuery query, String communityCode, long id) {
    CommunityRead read = open(client, query, DATASET, PersonalDataAudit.LIST, communityCode, "read corrections");
    CommunityCorrection c = corrections.find(id)
        .filter(x -> x.clientId().equals(client.id()) && x.communityCode().equals(communityCode))
        .orElse(null);
    if (c == null) {
      audit.refused(client, null, query, DATASET, PersonalDataAudit.LIST, read.scope().auditScope());
      throw new CorrectionNotFoundException(communityCode, id);
    }
    CorrectionView view = view(c, progress.of(List.of(c)).get(c.id()));
    read.audited(List.of(c.masterId()));
    return view;
  }

  private CommunityRead open(ApiClient client, AuditedQuery query, String dataset, String action, String communityCode,
      String what) {
    requireNonNull(client, "client is null");
    requireNonNull(query, "query is null");
    requireNonNull(communityCode, "communityCode is null");
    if (!client.hasRole(ApiClient.CORRECTIONS)) {
      audit.refused(client, null, query, dataset, action, PersonalDataAudit.communityScope(communityCode));
      throw new RoleRequiredException(client.id(), ApiClient.CORRECTIONS, what);
    }
    return access.open(client, query, dataset, action, communityCode, UnmaskRequest.NONE);
  }

  private static long afterId(String cursor, String communityCode) {
    String[] parts = CursorToken.decode(cursor, CURSOR_VERSION, 3, (reason, cause) -> new InvalidCursorException(
        InvalidCursorException.MALFORMED, "Invalid cursor: " + reason, cause));
    if (!parts[1].equals(communityCode)) {
      throw new InvalidCursorException(InvalidCursorException.OTHER_COMMUNITY,
          "Invalid cursor: it was issued for community " + parts[1] + ", not " + communityCode);
    }
    try {
      long id = Long.parseLong(parts[2]);
      if (id < 1) {
        throw new NumberFormatException("not positive");
      }
      return id;
    } catch (NumberFormatException e) {
      throw new InvalidCursorException(InvalidCursorException.MALFORMED, "Invalid cursor: it names no correction", e);
    }
  }

  private static CorrectionView view(CommunityCorrection c, CorrectionProgress.Progress progress) {
    String masked = switch (c.kind()) {
      case PHONE -> Masking.phone(c.value());
      case ADDRESS -> Masking.address(c.value());
      case MOVED_OUT, DECEASED -> null;
    };
    return new CorrectionView(c, masked, progress);
  }
}
