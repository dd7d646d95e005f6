package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import org.cdhub.api.audit.PersonalDataAudit;
import org.cdhub.api.security.ApiClient;
import org.cdhub.api.security.OutsideJurisdictionException;
import org.cdhub.model.entity.Relationship;
import org.cdhub.model.entity.SourceXref;
import org.cdhub.model.lakehouse.LakehouseTable;

/**
 * One person of a community for a client platform: jurisdiction first (refusals audited), then
 * the record, masked; its source records and per-attribute provenance only for a client with
 * role {@link ApiClient#PROVENANCE}. A person of another community is "not found", so ids cannot
 * be probed across jurisdictions. Every read is audited before it leaves.
 */
public final class PersonRecordService {
  public static final String DATASET = LakehouseTable.GOLD_PERSON.qualifiedName();

  /**
   * What a client sees of a person.
   *
   * @param sourceRecords empty unless {@code withProvenance}
   * @param provenance empty unless {@code withProvenance}
   */
  public record PersonView(MaskedPerson person, List<Relationship> relationships, boolean withProvenance,
      List<SourceXref> sourceRecords, Map<String, String> provenance) {
    public PersonView {
      requireNonNull(person, "person is null");
      relationships = List.copyOf(relationships);
      sourceRecords = List.copyOf(sourceRecords);
      provenance = Map.copyOf(provenance);
    }
  }

  private final GoldPersonRecords records;
  private final PersonMasking masking;
  private final PersonalDataAudit audit;

  public PersonRecordService(GoldPersonRecords records, PersonMasking masking, PersonalDataAudit audit) {
    this.records = requireNonNull(records, "records is null");
    this.masking = requireNonNull(masking, "masking is null");
    this.audit = requireNonNull(audit, "audit is null");
  }

  /**
   * @throws OutsideJurisdictionException if the client may not read the community (audited)
   * @throws PersonNotFoundException if the community has no person with this id
   */
  public PersonView find(ApiClient client, String communityCode, String masterId) {
    requireNonNull(client, "client is null");
    requireNonNull(communityCode, "communityCode is null");
    requireNonNull(masterId, "masterId is null");
    if (!client.mayRead(communityCode)) {
      audit.refused(client, DATASET, communityCode);
      throw new OutsideJurisdictionException(client.id(), communityCode);
    }
    PersonRecord record = records.find(masterId)
        .filter(r -> communityCode.equals(r.person().communityCode()))
        .orElseThrow(() -> new PersonNotFoundException(communityCode, masterId));
    boolean withProvenance = client.hasRole(ApiClient.PROVENANCE);
    PersonView view = new PersonView(masking.mask(record.person()), record.relationships(), withProvenance,
        withProvenance ? record.sourceRecords() : List.of(), withProvenance ? record.person().provenance() : Map.of());
    audit.listed(client, DATASET, communityCode, 1);
    return view;
  }
}
