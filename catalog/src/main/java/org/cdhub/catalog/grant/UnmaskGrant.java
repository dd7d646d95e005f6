package org.cdhub.catalog.grant;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A data-bureau operator's permission for one API client to see named personal fields
 * unmasked, for one stated purpose, until an expiry, optionally in one community only.
 *
 * @param id the grant's number, as audit entries name it
 * @param clientId the API client it is for
 * @param fields the fields it unmasks
 * @param purpose the purpose a request must state, a code such as {@code subsidy-review}
 * @param communityCode the only community it applies to; null for every community of the client's jurisdiction
 * @param expiresAt the instant it stops applying
 * @param grantedBy who granted it
 * @param grantedAt when
 * @param revokedBy who revoked it; null while not revoked
 * @param revokedAt when; null while not revoked
 */
public record UnmaskGrant(long id, String clientId, Set<UnmaskableField> fields, String purpose, String communityCode,
    Instant expiresAt, String grantedBy, Instant grantedAt, String revokedBy, Instant revokedAt) {
  /** A purpose: lower-case letters, digits and dashes, as requests spell it in {@code purpose=}. */
  public static final Pattern PURPOSE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  static final Pattern COMMUNITY_CODE = Pattern.compile("[0-9]{12}");
  static final Pattern NAME = Pattern.compile("[^\\s\\p{Cntrl}][^\\p{Cntrl}]{0,127}");

  public UnmaskGrant {
    requireNonNull(fields, "fields is null");
    requireNonNull(expiresAt, "expiresAt is null");
    requireNonNull(grantedAt, "grantedAt is null");
    fields = fields.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(fields));
    check(id, clientId, clientId != null && NAME.matcher(clientId).matches() && !clientId.contains(" "), "client_id",
        "must be a client id without spaces", clientId);
    check(id, clientId, !fields.isEmpty(), "fields", "must name at least one of " + UnmaskableField.names(), fields);
    check(id, clientId, purpose != null && PURPOSE.matcher(purpose).matches(), "purpose",
        "must be lower-case letters, digits and dashes (at most 64)", purpose);
    check(id, clientId, communityCode == null || COMMUNITY_CODE.matcher(communityCode).matches(), "community_code",
        "must be a 12-digit community code", communityCode);
    check(id, clientId, expiresAt.isAfter(grantedAt), "expires_at", "must be after granted_at " + grantedAt, expiresAt);
    check(id, clientId, grantedBy != null && NAME.matcher(grantedBy).matches(), "granted_by",
        "must name who granted it (at most 128 characters, no control characters)", grantedBy);
    check(id, clientId, (revokedBy == null) == (revokedAt == null), "revoked_by", "must be set together with revoked_at", revokedBy);
    check(id, clientId, revokedBy == null || NAME.matcher(revokedBy).matches(), "revoked_by",
        "must name who revoked it (at most 128 characters, no control characters)", revokedBy);
  }

  /** A grant about to be stored: its id is not known yet and it is not revoked. */
  public static UnmaskGrant request(String clientId, Set<UnmaskableField> fields, String purpose, String communityCode,
      Instant expiresAt, String grantedBy, Instant grantedAt) {
    return new UnmaskGrant(0, clientId, fields, purpose, communityCode, expiresAt, grantedBy, grantedAt, null, null);
  }

  /** Whether it applies at {@code now}: not revoked and not expired. */
  public boolean activeAt(Instant now) {
    return revokedAt == null && now.isBefore(expiresAt);
  }

  /** Whether it lets its client see {@code field} unmasked in {@code community} for {@code statedPurpose} at {@code now}. */
  public boolean allows(UnmaskableField field, String community, String statedPurpose, Instant now) {
    return activeAt(now) && fields.contains(field) && purpose.equals(statedPurpose)
        && (communityCode == null || communityCode.equals(community));
  }

  private static void check(long id, String clientId, boolean ok, String field, String rule, Object value) {
    if (!ok) {
      throw new IllegalArgumentException("Invalid unmask grant " + (id == 0 ? "" : id + " ") + "for client " + clientId
          + ", field " + field + ": " + rule + ", was " + value);
    }
  }
}
