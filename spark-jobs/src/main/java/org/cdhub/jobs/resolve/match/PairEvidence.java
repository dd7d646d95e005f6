package org.cdhub.jobs.resolve.match;

import java.io.Serializable;
import java.util.List;

/**
 * Why a pair scored what it did: each attribute's level and its contribution (log2 of the
 * Bayes factor m/u; 0 when missing), the prior, the total weight and the match probability.
 */
public record PairEvidence(List<FieldEvidence> fields, double priorWeight, double weight, double probability, MatchBand band)
    implements Serializable {
  public PairEvidence {
    fields = List.copyOf(fields);
  }

  /** One attribute's part of the evidence. */
  public record FieldEvidence(String field, String level, double weight) implements Serializable {}
}
