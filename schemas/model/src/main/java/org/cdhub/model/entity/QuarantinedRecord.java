package org.cdhub.model.entity;

import java.time.Instant;
import org.cdhub.model.schema.Doc;
import org.cdhub.model.schema.NearlyUnique;
import org.cdhub.model.schema.Required;

/** A record that broke a rule, kept with the reason: nothing is dropped (quarantine). */
@Doc("Rejected records with the feed, record, field and rule that rejected them")
public record QuarantinedRecord(
    @Required @Doc("Feed") String sourceSystem,
    @NearlyUnique @Doc("Record id within the feed, when one could be read") String sourceRecordId,
    @Required @Doc("Batch") String batchId,
    @Required @Doc("Stage that rejected it: INGEST or STANDARDIZE") String stage,
    @Doc("Field that broke the rule") String field,
    @Required @Doc("Rule code, e.g. ID-CHECKSUM") String rule,
    @Required @Doc("Human-readable reason") String reason,
    @Doc("Offending value, masked where sensitive") String valueMasked,
    @Doc("Raw payload as JSON, for replay after a fix") String payload,
    @Required @Doc("When it was quarantined") Instant quarantinedAt) {}
