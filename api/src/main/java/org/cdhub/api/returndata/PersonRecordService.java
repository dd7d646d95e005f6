package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import org.cdhub.api.audit.AuditedQuery;
import org.cdhub.api.audit.PersonalDataAudit;
import org.cdhub.api.security.ApiClient;
import org.cdhub.api.security.OutsideJurisdictionException;
import org.cdhub.api.security.UnmaskNotGrantedException;
import org.cdhub.api.security.UnmaskRequest;
import org.cdhub.model.entity.Relationship;
import org.cdhub.model.entity.SourceXref;
import org.cdhub.model.lakehouse.LakehouseTable;

/**
 * One person of a community for a client platform: jurisdiction and unmask grant first, through
 * {@link CommunityAccess} (refusals audited), then the record, masked as granted; its source records and per-attribute provenance only for a client with
 * role {@link ApiClient#PROVENANCE}. A person of another community, or of another grid for a
 * grid-bound client, is "not found", so ids cannot be probed across jurisdictions. Every read is audited before it leaves.
 */
public final class PersonRecordService {
  public static final String DATASET = LakehouseTable.GOLD_PERSON.qualifiedName();

  /**
   * What a client sees of a person.
   *
   * @param sourceRecords empty unless {@code withProvenance}
   * @param provenance empty unless {@code withProvenance}
   * @param unmaskedFields the fields shown unmasked under a grant; empty when every personal field is masked
   */
  public record PersonView(MaskedPerson person, List<Relationship> relationships, boolean withProvenance,
      List<SourceXref> sourceRecords, Map<String, String> provenance, List<String> unmaskedFields) {
    public PersonView {
      requireNonNull(person, "person is null");
      relationships = List.copyOf(relationships);
      sourceRecords = List.copyOf(sourceRecords);
      provenance = Map.copyOf(provenance);
      unmaskedFields = List.copyOf(unmaskedFields);
    }

    public boolean masked() {
      return unmaskedFields.isEmpty();
    }
  }

  private final GoldPersonRecords records;
  private final CommunityAccess access;

  public PersonRecordService(GoldPersonRecords records, CommunityAccess access) {
    this.records = requireNonNull(records, "records is null");
    this.access = requireNonNull(access, "access is null");
  }

  /** A service that refuses every unmask request (no grants). */
  public PersonRecordService(GoldPersonRecords records, PersonMasking masking, PersonalDataAudit audit) {
    this(records, CommunityAccess.withoutGrants(masking, audit));
  }

  /** The masked person. */
  public PersonView find(ApiClient client, AuditedQuery query, String communityCode, String masterId) {
    return find(client, query, communityCode, masterId, UnmaskRequest.NONE);
  }

  /**
   * @param query the request, as the audit log records it
   * @param unmask the fields asked for unmasked, and the purpose stated
   * @throws OutsideJurisdictionException if the client may not read the community (audited)
   * @throws UnmaskNotGrantedException if a field asked for is not granted (audited)
   * @throws PersonNotFoundException if the community (or the client's grids of it) has no person with this id
   */
  public PersonView find(ApiClient client, AuditedQuery query, String communityCode, String masterId,
      UnmaskRequest unmask) {
    requireNonNull(client, "client is null");
    requireNonNull(query, "query is null");
    requireNonNull(communityCode, "communityCode is null");
    requireNonNull(masterId, "masterId is null");
    CommunityRead read = access.open(client, query, DATASET, PersonalDataAudit.LIST, communityCode, unmask);
    PersonRecord record = records.find(masterId)
        .filter(r -> read.sees(r.person()))
        .orElseThrow(() -> new PersonNotFoundException(communityCode, masterId));
    boolean withProvenance = client.hasRole(ApiClient.PROVENANCE);
    PersonView view = new PersonView(read.mask(record.person()), record.relationships(), withProvenance,
        withProvenance ? record.sourceRecords() : List.of(), withProvenance ? record.person().provenance() : Map.of(),
        read.unmaskedFields());
    read.audited(List.of(masterId));
    return view;
  }
}
