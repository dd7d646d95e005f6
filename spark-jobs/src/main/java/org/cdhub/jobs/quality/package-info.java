/**
 * Dataset-level quality gate of a standardize run (Deequ), and its metrics history.
 *
 * <p>A standardize run of one feed, after standardizing its pending bronze rows and checking
 * bronze = silver + quarantined, but before committing:
 *
 * <pre>{@code
 * FeedQualityGate gate = new FeedQualityGate(spark, lake);   // incremental reads; or (lake, thresholds, clock)
 * QualityVerdict verdict = gate.verify(contract, runId, bronzeSnapshotId, bronzeRun, silverRows, quarantinedRows);
 * if (verdict.publishable()) { ... commit silver and quarantine ... }
 * gate.record(verdict, new QualityRun(feed, runId, entity, bronzeSnapshotId, batchIds, rowsIn, silverRows,
 *     quarantinedRows, verdict.status(), verdict.checksPassed(), verdict.checksFailed(),
 *     verdict.failures(), verdict.anomalies(), startedAt, durationMs));
 * }</pre>
 *
 * <p>Row-level rules stay in the kernel: {@link org.cdhub.jobs.quality.ContractChecks} measures
 * the share of rows the kernel accepts through Spark functions that call it. Anomaly checks
 * read only runs recorded as PUBLISHED, so a refused delivery never becomes the baseline that
 * lets its own retry through.
 */
package org.cdhub.jobs.quality;
