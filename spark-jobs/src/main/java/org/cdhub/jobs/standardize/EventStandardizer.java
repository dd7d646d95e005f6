package org.cdhub.jobs.standardize;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.cdhub.jobs.standardize.ContractFieldRules.RowCheck;
import org.cdhub.jobs.standardize.FeedMapping.FieldRule;
import org.cdhub.kernel.CitizenIdNumber;
import org.cdhub.kernel.MobileNumber;
import org.cdhub.kernel.PersonName;
import org.cdhub.model.entity.EntityType;
import org.cdhub.model.entity.SilverEvent;

/**
 * Bronze rows of an event feed (grid incidents, access passes, IoT alarms) to silver.event.
 * When it happened becomes an Instant: local times by the contract's patterns in Beijing time
 * (or their own offset), epoch milliseconds for integer fields. The person involved is checked
 * by the kernel; a present but invalid ID number rejects the row. Device identifiers are
 * normalized as silver.thing's.
 */
public final class EventStandardizer implements RecordStandardizer<SilverEvent> {
  private final FeedMapping mapping;
  private final ContractFieldRules rules;
  private final AddressFields addresses;
  private final ExportTimestamp occurredAt;

  /**
   * @throws IllegalArgumentException if the occurred_at pattern of the contract is malformed
   */
  public EventStandardizer(FeedMapping mapping, KnownPlaces places) {
    this.mapping = requireNonNull(mapping, "mapping is null").requireEntity(EntityType.EVENT, "events");
    this.rules = new ContractFieldRules(mapping);
    this.addresses = new AddressFields(places);
    FieldRule when = mapping.field(EventAttribute.OCCURRED_AT);
    try {
      this.occurredAt = when == null ? null : new ExportTimestamp(when.format(), when.pattern());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Cannot standardize feed " + mapping.feed() + ": field " + when.name()
          + " has a malformed pattern '" + when.pattern() + "': " + e.getMessage(), e);
    }
  }

  @Override
  public StandardizeOutcome<SilverEvent> standardize(BronzeRecord row, Instant now) {
    requireNonNull(row, "row is null");
    RowCheck check = rules.check(row);
    Instant when = occurredAt == null ? null : check.accept(EventAttribute.OCCURRED_AT, occurredAt::check);
    String device = check.accept(EventAttribute.DEVICE_IDENTIFIER, TextValues::identifier);
    PersonName name = check.accept(EventAttribute.INVOLVED_NAME, PersonName::check);
    CitizenIdNumber id = check.accept(EventAttribute.INVOLVED_ID_NUMBER, CitizenIdNumber::check);
    MobileNumber phone = check.accept(EventAttribute.INVOLVED_PHONE, MobileNumber::check);
    AddressFields.Located place = addresses.locate(check, EventAttribute.ADDRESS, EventAttribute.COMPOUND, EventAttribute.COMMUNITY_CODE);
    if (check.failed()) {
      return new StandardizeOutcome.Quarantined<>(check.quarantine(now));
    }
    SilverEvent event = new SilverEvent(
        row.sourceSystem(),
        row.sourceRecordId(),
        row.batchId(),
        check.stripped(EventAttribute.SOURCE_EVENT_ID),
        check.stripped(EventAttribute.EVENT_TYPE),
        check.stripped(EventAttribute.STATUS),
        check.stripped(EventAttribute.DESCRIPTION),
        when,
        device,
        place.compound(),
        place.addressRaw(),
        place.community(),
        place.building(),
        place.unit(),
        place.room(),
        place.communityCode(),
        check.stripped(EventAttribute.GRID_CODE),
        place.match().placeCode(),
        place.match().level(),
        name == null ? null : name.value(),
        id == null ? null : id.value(),
        phone == null ? null : phone.value(),
        check.notes(),
        mapping.trustRank(),
        row.ingestedAt());
    return new StandardizeOutcome.Standardized<>(event);
  }
}
