package org.cdhub.jobs.resolve;

import java.time.Instant;
import org.cdhub.model.schema.Doc;
import org.cdhub.model.schema.Required;

/**
 * One level of one comparison of a persisted match model (gold.person_match_model): what a full
 * resolve estimated, so that incremental runs score with it and never re-estimate.
 */
@Doc("Fellegi-Sunter models resolve estimated: m and u per comparison level, lambda and the band thresholds")
public record MatchModelLevel(
    @Required @Doc("Model version: M- and 16 hex digits of SHA-256 over every parameter below") String modelVersion,
    @Required @Doc("Position of the comparison in a pattern") int comparisonIndex,
    @Required @Doc("Comparison name, e.g. id_number") String comparison,
    @Required @Doc("Position of the level within the comparison") int levelIndex,
    @Required @Doc("Level name, e.g. EXACT") String level,
    @Required @Doc("P(level | match)") double m,
    @Required @Doc("P(level | non-match)") double u,
    @Required @Doc("Share of matches among candidate pairs") double lambda,
    @Required @Doc("Match probability from which a pair is linked") double autoMatch,
    @Required @Doc("Match probability from which a pair is queued for review") double review,
    @Required @Doc("Resolve run that estimated the model") String runId,
    @Required @Doc("When the model was estimated") Instant estimatedAt) {}
