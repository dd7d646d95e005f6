package org.cdhub.jobs.standardize;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.cdhub.jobs.standardize.ContractFieldRules.RowCheck;
import org.cdhub.kernel.CreditCode;
import org.cdhub.kernel.PersonName;
import org.cdhub.model.entity.EntityType;
import org.cdhub.model.entity.SilverOrganization;

/**
 * Bronze rows of an organization feed (market registry, property companies) to
 * silver.organization. The credit code is checked by the kernel: an invalid one rejects the
 * row when the contract requires it and is dropped with a note otherwise. Names are folded to
 * half width and simplified script; the legal representative is a person's name.
 */
public final class OrganizationStandardizer implements RecordStandardizer<SilverOrganization> {
  private final FeedMapping mapping;
  private final ContractFieldRules rules;
  private final AddressFields addresses;

  public OrganizationStandardizer(FeedMapping mapping, KnownPlaces places) {
    this.mapping = requireNonNull(mapping, "mapping is null").requireEntity(EntityType.ORGANIZATION, "organizations");
    this.rules = new ContractFieldRules(mapping);
    this.addresses = new AddressFields(places);
  }

  @Override
  public StandardizeOutcome<SilverOrganization> standardize(BronzeRecord row, Instant now) {
    requireNonNull(row, "row is null");
    RowCheck check = rules.check(row);
    CreditCode creditCode = check.accept(OrganizationAttribute.CREDIT_CODE, CreditCode::check);
    String name = check.accept(OrganizationAttribute.NAME, TextValues::properName);
    PersonName representative = check.accept(OrganizationAttribute.LEGAL_REPRESENTATIVE, PersonName::check);
    AddressFields.Located place = addresses.locate(check, OrganizationAttribute.ADDRESS, null, OrganizationAttribute.COMMUNITY_CODE);
    if (check.failed()) {
      return new StandardizeOutcome.Quarantined<>(check.quarantine(now));
    }
    String orgType = check.stripped(OrganizationAttribute.ORG_TYPE);
    SilverOrganization org = new SilverOrganization(
        row.sourceSystem(),
        row.sourceRecordId(),
        row.batchId(),
        creditCode == null ? null : creditCode.value(),
        name,
        orgType,
        representative == null ? null : representative.value(),
        place.addressRaw(),
        place.district(),
        place.street(),
        place.community(),
        place.compound(),
        place.building(),
        place.communityCode(),
        place.match().placeCode(),
        place.match().level(),
        check.notes(),
        mapping.trustRank(),
        row.ingestedAt());
    return new StandardizeOutcome.Standardized<>(org);
  }
}
