package org.cdhub.jobs.standardize;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Locale;
import org.cdhub.jobs.standardize.ContractFieldRules.RowCheck;
import org.cdhub.model.entity.EntityType;
import org.cdhub.model.entity.SilverThing;

/**
 * Bronze rows of a thing feed (device registry, meter readings) to silver.thing. Identifiers
 * are upper case without spaces or width variants; the thing type is the source's code in
 * lower case ({@code WATER_METER} -> {@code water_meter}); the install address
 * ("3-2-501", "3号楼2单元", "东门") is completed with the feed's compound field and matched
 * to the known places.
 */
public final class ThingStandardizer implements RecordStandardizer<SilverThing> {
  private final FeedMapping mapping;
  private final ContractFieldRules rules;
  private final AddressFields addresses;

  public ThingStandardizer(FeedMapping mapping, KnownPlaces places) {
    this.mapping = requireNonNull(mapping, "mapping is null").requireEntity(EntityType.THING, "things");
    this.rules = new ContractFieldRules(mapping);
    this.addresses = new AddressFields(places);
  }

  @Override
  public StandardizeOutcome<SilverThing> standardize(BronzeRecord row, Instant now) {
    requireNonNull(row, "row is null");
    RowCheck check = rules.check(row);
    String identifier = check.accept(ThingAttribute.IDENTIFIER, TextValues::identifier);
    AddressFields.Located place = addresses.locate(check, ThingAttribute.ADDRESS, ThingAttribute.COMPOUND, ThingAttribute.COMMUNITY_CODE);
    if (check.failed()) {
      return new StandardizeOutcome.Quarantined<>(check.quarantine(now));
    }
    String type = check.stripped(ThingAttribute.THING_TYPE);
    SilverThing thing = new SilverThing(
        row.sourceSystem(),
        row.sourceRecordId(),
        row.batchId(),
        identifier,
        type == null ? null : type.toLowerCase(Locale.ROOT),
        check.stripped(ThingAttribute.DESCRIPTION),
        place.compound(),
        place.addressRaw(),
        place.community(),
        place.building(),
        place.unit(),
        place.room(),
        place.communityCode(),
        place.match().placeCode(),
        place.match().level(),
        check.notes(),
        mapping.trustRank(),
        row.ingestedAt());
    return new StandardizeOutcome.Standardized<>(thing);
  }
}
