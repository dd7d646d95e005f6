package org.cdhub.model.entity;

import java.time.Instant;
import org.cdhub.model.schema.Doc;
import org.cdhub.model.schema.Required;

/**
 * A master id that no longer names a master of its own because its records merged into
 * another (gold.master_alias). Callers holding the old id follow it to the survivor.
 */
@Doc("Retired master ids: each points to the master that absorbed its records")
public record MasterAlias(
    @Required @Doc("The retired master id") String aliasId,
    @Required @Doc("PERSON, PLACE, THING, EVENT or ORGANIZATION") EntityType entityType,
    @Required @Doc("Master id it now resolves to") String masterId,
    @Required @Doc("Merge run that retired it") String runId,
    @Required @Doc("When it was retired or last re-pointed") Instant mergedAt) {}
