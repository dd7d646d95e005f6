package org.cdhub.model.ops;

import java.time.Instant;
import org.cdhub.model.schema.Doc;
import org.cdhub.model.schema.Required;

/**
 * A data steward's decision about two source records of one entity type (ops.steward_decision):
 * LINK (one real person) or SPLIT (two). Every later resolve run honours the latest decision
 * on a pair; decisions are appended, never rewritten, so the history stays for audit.
 */
@Doc("Data stewards' link and split decisions on record pairs, honoured by every later resolve run")
public record StewardDecision(
    @Required @Doc("PERSON, PLACE, THING, EVENT or ORGANIZATION") String entityType,
    @Required @Doc("Feed of the first record") String leftSource,
    @Required @Doc("Record id of the first record") String leftRecord,
    @Required @Doc("Feed of the second record") String rightSource,
    @Required @Doc("Record id of the second record") String rightRecord,
    @Required @Doc("LINK or SPLIT") String decision,
    @Required @Doc("Who decided") String steward,
    @Required @Doc("Why, in the steward's words") String reason,
    @Required @Doc("When") Instant decidedAt) {

  public static final String LINK = "LINK";
  public static final String SPLIT = "SPLIT";

  public StewardDecision {
    if (!LINK.equals(decision) && !SPLIT.equals(decision)) {
      throw new IllegalArgumentException("A steward decision is LINK or SPLIT, got " + decision);
    }
    if (leftSource.equals(rightSource) && leftRecord.equals(rightRecord)) {
      throw new IllegalArgumentException("A steward decision needs two different records, got " + leftSource + ":" + leftRecord + " twice");
    }
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("A steward decision needs a reason");
    }
  }
}
