package org.cdhub.jobs.resolve;

import org.cdhub.model.schema.Doc;
import org.cdhub.model.schema.Required;

/**
 * One blocking key of one current silver person as resolve last saw it (gold.person_block), so
 * that an incremental run finds the existing records new ones meet without recomputing them.
 */
@Doc("Resolve's blocking keys: one row per (block, record) of every current silver person")
public record PersonBlock(
    @Required @Doc("xxhash64 of the blocking key (the key itself holds personal data)") long block,
    @Required @Doc("Feed the record came from") String sourceSystem,
    @Required @Doc("Record id within the feed") String sourceRecordId) {}
