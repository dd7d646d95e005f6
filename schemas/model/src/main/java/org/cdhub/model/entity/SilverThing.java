package org.cdhub.model.entity;

import java.time.Instant;
import java.util.List;
import org.cdhub.model.schema.Doc;
import org.cdhub.model.schema.NearlyUnique;
import org.cdhub.model.schema.Required;

/** A device, meter or vehicle as one feed described it, standardized and validated (silver.thing). */
@Doc("Standardized thing records (devices, meters), one row per source record")
public record SilverThing(
    @Required @Doc("Feed the record came from") String sourceSystem,
    @NearlyUnique @Required @Doc("Record id within the feed") String sourceRecordId,
    @Required @Doc("Bronze batch the record arrived in") String batchId,
    @NearlyUnique @Doc("Device id, meter number or plate, upper case without spaces") String identifier,
    @Doc("Kind of thing, e.g. access_gate, plate_camera, water_meter") String thingType,
    @Doc("Free description") String description,
    @Doc("Compound (小区) it is installed in, canonical") String compound,
    @Doc("Address as delivered") String addressRaw,
    @Doc("Parsed: community (社区)") String community,
    @Doc("Parsed: building") String building,
    @Doc("Parsed: unit") String unit,
    @Doc("Parsed: room") String room,
    @Doc("Community code") String communityCode,
    @Doc("Code of the most specific known place the address matched") String placeCode,
    @Required @Doc("HOUSE, BUILDING, COMPOUND, COMMUNITY or UNMATCHED") PlaceMatch placeMatch,
    @Doc("Non-fatal standardization notes") List<String> notes,
    @Required @Doc("Trust rank of the feed (0-100), from its contract") int trustRank,
    @Required @Doc("When the record was ingested") Instant ingestedAt) {}
