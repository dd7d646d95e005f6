package org.cdhub.jobs.resolve;

import java.time.Instant;
import org.cdhub.model.schema.Doc;
import org.cdhub.model.schema.Required;

/**
 * One resolve run that changed something (ops.resolve_run): the silver snapshot it resolved (the
 * watermark the next incremental run starts from) and the model it scored with.
 */
@Doc("Resolve runs: mode, silver snapshot resolved (watermark), model version, records and changes")
public record ResolveRun(
    @Required @Doc("Resolve run id, as in gold.person_link.run_id") String runId,
    @Required @Doc("full or incremental") String mode,
    @Doc("Why this mode ran, e.g. forced, share_above_max, no_previous_run") String reason,
    @Doc("silver.person snapshot the run resolved; null when silver was empty") Long silverSnapshotId,
    @Doc("ops.steward_decision snapshot the run honoured; null when there was none") Long stewardSnapshotId,
    @Required @Doc("Version of the match model scored with (gold.person_match_model)") String modelVersion,
    @Required @Doc("Largest block compared in this run") int maxBlockSize,
    @Required @Doc("Records resolved: all current ones (full) or the new and changed ones (incremental)") long records,
    @Required @Doc("Link rows written") long linkChanges,
    @Required @Doc("Match rows written") long matchChanges,
    @Required @Doc("When the run started") Instant startedAt) {}
