package org.cdhub.model.ops;

import java.time.Instant;
import org.cdhub.model.schema.Doc;
import org.cdhub.model.schema.Required;

/**
 * One data-quality metric computed by Deequ for one feed in one standardize run: the metrics
 * repository that anomaly checks read their history from.
 */
@Doc("Data-quality metrics repository: one row per Deequ metric, feed and standardize run")
public record QualityMetric(
    @Required @Doc("Feed") String feed,
    @Required @Doc("Standardize run id (see ops.quality_run)") String runId,
    @Required @Doc("Bronze snapshot the run read") long bronzeSnapshotId,
    @Required @Doc("What was measured: Dataset, or a column name") String instance,
    @Required @Doc("Metric name as Deequ names it: Size, Completeness, Uniqueness, Compliance, Minimum, ...") String metric,
    @Required @Doc("Value") double value,
    @Required @Doc("When it was computed") Instant computedAt) {}
