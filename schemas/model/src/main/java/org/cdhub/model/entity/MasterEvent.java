package org.cdhub.model.entity;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.cdhub.model.schema.Doc;
import org.cdhub.model.schema.Required;

/** One golden record per event: incident, alarm, access pass, repair (gold.event). */
@Doc("Golden event records: grid incidents, alarms, access passes, repairs, visits")
public record MasterEvent(
    @Required @Doc("Stable master id (E-...)") String masterId,
    @Required @Doc("GRID_INCIDENT, ALARM, ACCESS_PASS, REPAIR, ...") String eventType,
    @Doc("Event id in the source system") String sourceEventId,
    @Doc("When it happened") Instant occurredAt,
    @Doc("REPORTED, DISPATCHED, HANDLING, CLOSED") String status,
    @Doc("Master id of the place") String placeId,
    @Doc("Community code") String communityCode,
    @Doc("What happened") String description,
    @Doc("Master ids of the persons involved") List<String> personIds,
    @Doc("Per attribute: feed, record and rule") Map<String, String> provenance,
    @Required @Doc("When the merge job last changed this record") Instant updatedAt) {}
