package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.cdhub.api.audit.AuditedQuery;
import org.cdhub.api.audit.PersonalDataAudit;
import org.cdhub.api.security.ApiClient;
import org.cdhub.api.security.CommunityScope;
import org.cdhub.api.security.OutsideJurisdictionException;
import org.cdhub.api.security.UnmaskGrants;
import org.cdhub.api.security.UnmaskNotGrantedException;
import org.cdhub.api.security.UnmaskRequest;
import org.cdhub.catalog.grant.UnmaskGrant;
import org.cdhub.catalog.grant.UnmaskGrantRepository;

/**
 * The one gate of every read of a community's personal data: checks the client's jurisdiction
 * and, when the request asks to unmask fields, its grant, auditing each refusal before it is
 * thrown; then hands out a {@link CommunityRead} that filters to the client's grids, masks as
 * granted and audits what is returned.
 */
public final class CommunityAccess {
  private final PersonMasking masking;
  private final PersonalDataAudit audit;
  private final UnmaskGrants grants;

  public CommunityAccess(PersonMasking masking, PersonalDataAudit audit, UnmaskGrants grants) {
    this.masking = requireNonNull(masking, "masking is null");
    this.audit = requireNonNull(audit, "audit is null");
    this.grants = requireNonNull(grants, "grants is null");
  }

  /** Access where no unmask grant exists: every unmask request is refused. */
  public static CommunityAccess withoutGrants(PersonMasking masking, PersonalDataAudit audit) {
    return new CommunityAccess(masking, audit, new UnmaskGrants(NO_GRANTS, Clock.systemUTC()));
  }

  /**
   * Opens a read of {@code dataset} in a community.
   *
   * @param action what the audit log calls the read ({@link PersonalDataAudit#LIST}, {@link PersonalDataAudit#CHANGES})
   * @throws OutsideJurisdictionException if the community is outside the client's jurisdiction (audited)
   * @throws UnmaskNotGrantedException if a field asked for is not granted (audited)
   */
  public CommunityRead open(ApiClient client, AuditedQuery query, String dataset, String action, String communityCode,
      UnmaskRequest unmask) {
    requireNonNull(client, "client is null");
    requireNonNull(query, "query is null");
    requireNonNull(communityCode, "communityCode is null");
    requireNonNull(unmask, "unmask is null");
    CommunityScope scope = client.jurisdiction().scopeIn(communityCode).orElse(null);
    if (scope == null) {
      audit.refused(client, null, query, dataset, action, PersonalDataAudit.communityScope(communityCode));
      throw new OutsideJurisdictionException(client.id(), communityCode);
    }
    UnmaskGrant grant = null;
    if (unmask.any()) {
      try {
        grant = grants.require(client, communityCode, unmask);
      } catch (UnmaskNotGrantedException e) {
        audit.refused(client, unmask.purpose(), query, dataset, action, scope.auditScope());
        throw e;
      }
    }
    return new CommunityRead(client, query, dataset, action, scope, unmask.fields(), grant, masking, audit);
  }

  private static final UnmaskGrantRepository NO_GRANTS = new UnmaskGrantRepository() {
    @Override
    public UnmaskGrant grant(UnmaskGrant grant) {
      throw new UnsupportedOperationException("Cannot store unmask grants here");
    }

    @Override
    public Optional<UnmaskGrant> revoke(long id, String revokedBy, Instant at) {
      return Optional.empty();
    }

    @Override
    public Optional<UnmaskGrant> find(long id) {
      return Optional.empty();
    }

    @Override
    public List<UnmaskGrant> findByClient(String clientId) {
      return List.of();
    }

    @Override
    public List<UnmaskGrant> findAll() {
      return List.of();
    }
  };
}
