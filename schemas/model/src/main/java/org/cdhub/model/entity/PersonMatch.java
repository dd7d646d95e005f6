package org.cdhub.model.entity;

import java.util.List;
import org.cdhub.model.schema.Doc;
import org.cdhub.model.schema.Required;

/** One scored pair of person records at or above the review threshold, with its evidence (gold.person_match). */
@Doc("Resolve's scored person pairs at or above the review threshold: score, band, rule and per-attribute evidence")
public record PersonMatch(
    @Required @Doc("Feed of the first record (the smaller record key)") String leftSource,
    @Required @Doc("Record id of the first record") String leftRecord,
    @Required @Doc("Feed of the second record") String rightSource,
    @Required @Doc("Record id of the second record") String rightRecord,
    @Required @Doc("Match probability from the Fellegi-Sunter model") double probability,
    @Required @Doc("Match weight: prior plus log2(m/u) of each attribute") double weight,
    @Required @Doc("AUTO_MATCH, REVIEW or NON_MATCH after the hard rules") String band,
    @Doc("Hard rule that set the band, if any") String rule,
    @Required @Doc("Per attribute: name=LEVEL:weight") List<String> evidence,
    @Required @Doc("LINKED (one master), QUEUED (awaits a steward) or APART (kept apart by a rule or constraint)") String status,
    @Doc("Resolve run that last changed the row") String runId) {

  public static final String LINKED = "LINKED";
  public static final String QUEUED = "QUEUED";
  public static final String APART = "APART";
}
