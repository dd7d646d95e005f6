package org.cdhub.model.entity;

import java.time.Instant;
import org.cdhub.model.schema.Doc;
import org.cdhub.model.schema.Required;

/** Maps one source record to the master it was merged into (gold.xref). */
@Doc("Cross-reference: every source record and the master record it belongs to")
public record SourceXref(
    @Required @Doc("Feed the record came from, e.g. hr_household") String sourceSystem,
    @Required @Doc("Record id within the feed") String sourceRecordId,
    @Required @Doc("PERSON, PLACE, THING, EVENT or ORGANIZATION") EntityType entityType,
    @Required @Doc("Master id the record belongs to") String masterId,
    @Doc("Rule that linked it, e.g. ID_NUMBER_EXACT or SINGLETON") String matchRule,
    @Doc("Match score, when scored") Double matchScore,
    @Doc("Job run that made the link") String runId,
    @Required @Doc("When the link was made") Instant linkedAt) {}
