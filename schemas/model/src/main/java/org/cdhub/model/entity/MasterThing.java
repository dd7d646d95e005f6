package org.cdhub.model.entity;

import java.time.Instant;
import java.util.Map;
import org.cdhub.model.schema.Doc;
import org.cdhub.model.schema.Required;

/** One golden record per device, vehicle, meter or facility (gold.thing). */
@Doc("Golden thing records: devices, vehicles, meters, facilities")
public record MasterThing(
    @Required @Doc("Stable master id (T-...)") String masterId,
    @Required @Doc("DEVICE, VEHICLE, METER, FACILITY, ...") String thingType,
    @Doc("Device id, plate number or meter number") String identifier,
    @Doc("What it is, e.g. face-recognition gate") String description,
    @Doc("Master id of the place it is installed at") String placeId,
    @Doc("Community code") String communityCode,
    @Doc("Master id of the owning person or organization") String ownerId,
    @Doc("Per attribute: feed, record and rule") Map<String, String> provenance,
    @Required @Doc("When the merge job last changed this record") Instant updatedAt) {}
