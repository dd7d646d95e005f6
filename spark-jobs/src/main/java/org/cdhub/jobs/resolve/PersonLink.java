package org.cdhub.jobs.resolve;

import java.time.Instant;
import org.cdhub.model.schema.Doc;
import org.cdhub.model.schema.Required;

/** Which cluster, and so which master, one current silver person belongs to (gold.person_link). */
@Doc("Resolve output: cluster and master id of every current silver person")
public record PersonLink(
    @Required @Doc("Feed the record came from") String sourceSystem,
    @Required @Doc("Record id within the feed") String sourceRecordId,
    @Required @Doc("Cluster key: C:<feed>:<record> of the cluster's smallest record") String clusterKey,
    @Required @Doc("Master id of the cluster") String masterId,
    @Required @Doc("ID_NUMBER_EXACT, MATCH_MODEL or SINGLETON") String matchRule,
    @Doc("Resolve run that last changed the link") String runId,
    @Required @Doc("When the link was last changed") Instant linkedAt) {}
