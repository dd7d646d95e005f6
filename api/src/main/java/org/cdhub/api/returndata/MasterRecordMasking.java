package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Set;
import org.cdhub.kernel.Masking;
import org.cdhub.model.entity.MasterEvent;
import org.cdhub.model.entity.MasterOrganization;
import org.cdhub.model.entity.MasterPlace;
import org.cdhub.model.entity.PlaceType;

/**
 * The default view of places, organizations and events, masked by field sensitivity as
 * {@link PersonMasking} masks persons: each schema field marked personal ({@code @Sensitive}) has
 * a handling here, or startup stops. Beyond the schema's marks, two fields carry persons' data
 * by their content: a house's (or unit's) name and address are its residents' address, masked as
 * gold.person's address is; an event's free description may quote ID or mobile numbers, which
 * are masked.
 */
public final class MasterRecordMasking {
  static final Map<String, String> PLACE_PERSONAL_FIELDS = Map.of();
  static final Map<String, String> ORGANIZATION_PERSONAL_FIELDS = Map.of("legalRepresentative", "Masking.name");
  static final Map<String, String> EVENT_PERSONAL_FIELDS = Map.of();
  /** Places whose name and address are where persons live. */
  static final Set<PlaceType> DWELLINGS = Set.of(PlaceType.HOUSE, PlaceType.UNIT);

  private final PersonMasking persons;

  public MasterRecordMasking(PersonMasking persons) {
    this.persons = requireNonNull(persons, "persons is null");
    PersonMasking.requireEveryPersonalFieldHandled(MasterPlace.class, PLACE_PERSONAL_FIELDS.keySet());
    PersonMasking.requireEveryPersonalFieldHandled(MasterOrganization.class, ORGANIZATION_PERSONAL_FIELDS.keySet());
    PersonMasking.requireEveryPersonalFieldHandled(MasterEvent.class, EVENT_PERSONAL_FIELDS.keySet());
  }

  public MaskedPlace place(MasterPlace place) {
    requireNonNull(place, "place is null");
    boolean dwelling = DWELLINGS.contains(place.placeType());
    return new MaskedPlace(place.masterId(), place.placeType(), place.code(),
        dwelling ? persons.address(place.name()) : place.name(), place.parentId(),
        dwelling ? persons.address(place.address()) : place.address(),
        place.districtCode(), place.communityCode(), place.gridCode(), place.updatedAt());
  }

  public MaskedOrganization organization(MasterOrganization organization) {
    requireNonNull(organization, "organization is null");
    String representative = organization.legalRepresentative();
    return new MaskedOrganization(organization.masterId(), organization.creditCode(), organization.name(),
        organization.orgType(), representative == null || representative.isBlank() ? null : Masking.name(representative),
        organization.address(), organization.placeId(), organization.communityCode(), organization.updatedAt());
  }

  public MaskedEvent event(MasterEvent event) {
    requireNonNull(event, "event is null");
    String description = event.description();
    return new MaskedEvent(event.masterId(), event.eventType(), event.sourceEventId(), event.occurredAt(),
        event.status(), event.placeId(), event.communityCode(),
        description == null ? null : Masking.numbersInText(description), event.personIds(), event.updatedAt());
  }
}
