package org.cdhub.model.entity;

import java.time.Instant;
import java.util.List;
import org.cdhub.model.schema.Doc;
import org.cdhub.model.schema.NearlyUnique;
import org.cdhub.model.schema.Required;
import org.cdhub.model.schema.Sensitive;
import org.cdhub.model.schema.Sensitivity;

/** An event (grid incident, access pass, IoT alarm) as one feed described it (silver.event). */
@Doc("Standardized event records (grid incidents, access passes, alarms), one row per source record")
public record SilverEvent(
    @Required @Doc("Feed the record came from") String sourceSystem,
    @NearlyUnique @Required @Doc("Record id within the feed") String sourceRecordId,
    @Required @Doc("Bronze batch the record arrived in") String batchId,
    @NearlyUnique @Doc("Event id in the source system") String sourceEventId,
    @Doc("Kind of event") String eventType,
    @Doc("Status, where the source tracks one") String status,
    @Doc("Free description") String description,
    @Doc("When it happened, UTC") Instant occurredAt,
    @Doc("Device that reported it, normalized like silver.thing.identifier") String deviceIdentifier,
    @Doc("Compound (小区), canonical") String compound,
    @Sensitive(Sensitivity.INTERNAL) @Doc("Address as delivered") String addressRaw,
    @Doc("Parsed: community (社区)") String community,
    @Doc("Parsed: building") String building,
    @Doc("Parsed: unit") String unit,
    @Doc("Parsed: room") String room,
    @Doc("Community code") String communityCode,
    @Doc("Grid code") String gridCode,
    @Doc("Code of the most specific known place the address matched") String placeCode,
    @Required @Doc("HOUSE, BUILDING, COMPOUND, COMMUNITY or UNMATCHED") PlaceMatch placeMatch,
    @Sensitive(Sensitivity.PERSONAL) @Doc("Person involved: name") String involvedName,
    @NearlyUnique @Sensitive(Sensitivity.SENSITIVE_PERSONAL) @Doc("Person involved: citizen ID number (18)") String involvedIdNumber,
    @NearlyUnique @Sensitive(Sensitivity.PERSONAL) @Doc("Person involved: mobile number") String involvedPhone,
    @Doc("Non-fatal standardization notes") List<String> notes,
    @Required @Doc("Trust rank of the feed (0-100), from its contract") int trustRank,
    @Required @Doc("When the record was ingested") Instant ingestedAt) {}
