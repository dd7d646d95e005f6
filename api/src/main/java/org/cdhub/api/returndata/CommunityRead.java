package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.cdhub.api.audit.AuditedQuery;
import org.cdhub.api.audit.PersonalDataAudit;
import org.cdhub.api.security.ApiClient;
import org.cdhub.api.security.CommunityScope;
import org.cdhub.catalog.grant.UnmaskGrant;
import org.cdhub.catalog.grant.UnmaskableField;
import org.cdhub.model.entity.MasterPerson;

/**
 * One allowed read of a community, opened by {@link CommunityAccess}: what the client sees of it
 * (its grids only, for a grid-bound client), how records are masked (the granted fields as
 * stored), and the audit entry of what was returned.
 */
public final class CommunityRead {
  /** Rows asked of the source per call while filling a page for a grid-bound client. */
  static final int GRID_BATCH = 500;

  /** Reads persons of the community in master-id order after a master id (null: from the first). */
  @FunctionalInterface
  public interface PageSource {
    List<MasterPerson> after(String afterMasterId, int limit);
  }

  private final ApiClient client;
  private final AuditedQuery query;
  private final String dataset;
  private final String action;
  private final CommunityScope scope;
  private final Set<UnmaskableField> unmasked;
  private final UnmaskGrant grant;
  private final PersonMasking masking;
  private final PersonalDataAudit audit;

  CommunityRead(ApiClient client, AuditedQuery query, String dataset, String action, CommunityScope scope,
      Set<UnmaskableField> unmasked, UnmaskGrant grant, PersonMasking masking, PersonalDataAudit audit) {
    this.client = requireNonNull(client, "client is null");
    this.query = requireNonNull(query, "query is null");
    this.dataset = requireNonNull(dataset, "dataset is null");
    this.action = requireNonNull(action, "action is null");
    this.scope = requireNonNull(scope, "scope is null");
    this.unmasked = requireNonNull(unmasked, "unmasked is null");
    this.grant = grant;
    this.masking = requireNonNull(masking, "masking is null");
    this.audit = requireNonNull(audit, "audit is null");
    if (unmasked.isEmpty() != (grant == null)) {
      throw new IllegalArgumentException("Cannot read community " + scope.communityCode() + ": unmasked fields "
          + unmasked + " need exactly one grant");
    }
  }

  public CommunityScope scope() {
    return scope;
  }

  /** Whether the client sees this person: it is of the community and, for a grid-bound client, of one of its grids. */
  public boolean sees(MasterPerson person) {
    return scope.communityCode().equals(person.communityCode()) && scope.sees(person.gridCode());
  }

  /** The person as this read shows it. */
  public MaskedPerson mask(MasterPerson person) {
    return masking.mask(person, unmasked);
  }

  /** Field names shown unmasked, in declaration order; empty for a masked read. */
  public List<String> unmaskedFields() {
    return unmasked.stream().map(UnmaskableField::fieldName).toList();
  }

  /**
   * Up to {@code limit} persons the client sees, in master-id order after {@code afterMasterId}:
   * one call of {@code source} for a client that sees the whole community, batches until the page
   * is full or the community ends for a grid-bound one.
   */
  public List<MasterPerson> page(PageSource source, String afterMasterId, int limit) {
    if (scope.whole()) {
      return source.after(afterMasterId, limit).stream().filter(this::sees).toList();
    }
    List<MasterPerson> page = new ArrayList<>(limit);
    String after = afterMasterId;
    int batch = Math.max(limit, GRID_BATCH);
    while (page.size() < limit) {
      List<MasterPerson> rows = source.after(after, batch);
      for (MasterPerson p : rows) {
        if (sees(p) && page.size() < limit) {
          page.add(p);
        }
      }
      if (rows.size() < batch) {
        break;
      }
      after = rows.get(rows.size() - 1).masterId();
    }
    return page;
  }

  /** Writes the audit entry of the records returned, before they leave the hub. */
  public void audited(List<String> masterIds) {
    audit.read(client, query, dataset, action, scope.auditScope(), masterIds, grant);
  }
}
