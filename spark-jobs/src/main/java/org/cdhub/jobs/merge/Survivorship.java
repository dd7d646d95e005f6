package org.cdhub.jobs.merge;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks one value per attribute from the candidates a master's source records offer, by the
 * criteria a {@link SurvivorshipPolicy} lists for the attribute, in order (by default: trust
 * rank, recency, completeness of the record, frequency of the value). Remaining ties go to the
 * smallest value, then the smallest record, so the pick never depends on input order. The pick
 * names the criterion that decided it.
 */
public final class Survivorship {
  private Survivorship() {}

  /** What a value can win by; configurable per attribute in {@link SurvivorshipPolicy}. */
  public enum Criterion {
    /** Its feed is trusted more for this attribute (trust ranks from the contracts). */
    TRUST,
    /** Delivered more recently. */
    RECENCY,
    /** Its record fills more of the entity's attributes. */
    COMPLETENESS,
    /** More records say so. */
    FREQUENCY
  }

  /** Why a value won: one of the criteria, or a case that needs none. */
  public enum Rule {
    /** Only one source record has a value. */
    SINGLE_SOURCE,
    /** Every record with a value agrees. */
    AGREED,
    TRUST,
    RECENCY,
    COMPLETENESS,
    FREQUENCY,
    /** Nothing above separates the values; the smallest wins so the pick is stable. */
    TIE_BREAK
  }

  /**
   * One record's value for an attribute.
   *
   * @param completeness share of the entity's attributes its record fills, 0 to 1
   */
  public record Candidate<T>(T value, String sourceSystem, String sourceRecordId, int trust, Instant ingestedAt, double completeness) {
    public Candidate {
      requireNonNull(value, "value is null");
      requireNonNull(sourceSystem, "sourceSystem is null");
      requireNonNull(sourceRecordId, "sourceRecordId is null");
      requireNonNull(ingestedAt, "ingestedAt is null");
    }

    public Candidate(T value, String sourceSystem, String sourceRecordId, int trust, Instant ingestedAt) {
      this(value, sourceSystem, sourceRecordId, trust, ingestedAt, 0);
    }
  }

  /** The surviving value with the record it came from and the rule that chose it. */
  public record Pick<T>(T value, String sourceSystem, String sourceRecordId, Rule rule) {
    /** Provenance entry: {@code feed:record_id:RULE}. */
    public String provenance() {
      return sourceSystem + ":" + sourceRecordId + ":" + rule.name();
    }
  }

  /** The pick by the default order: trust, recency, completeness, frequency. */
  public static <T> Optional<Pick<T>> pick(List<Candidate<T>> candidates) {
    return pick(candidates, SurvivorshipPolicy.DEFAULT_ORDER);
  }

  public static <T> Optional<Pick<T>> pick(List<Candidate<T>> candidates, List<Criterion> order) {
    requireNonNull(candidates, "candidates is null");
    requireNonNull(order, "order is null");
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Integer> frequency = new HashMap<>();
    for (Candidate<T> c : candidates) {
      frequency.merge(key(c.value()), 1, Integer::sum);
    }
    Comparator<Candidate<T>> comparator = (a, b) -> 0;
    for (Criterion criterion : order) {
      comparator = comparator.thenComparing(Survivorship.<T>better(criterion, frequency));
    }
    comparator = comparator
        .thenComparing(c -> key(c.value()))
        .thenComparing(Candidate::sourceSystem)
        .thenComparing(Candidate::sourceRecordId);
    List<Candidate<T>> sorted = candidates.stream().sorted(comparator).toList();
    Candidate<T> winner = sorted.get(0);
    if (candidates.size() == 1) {
      return Optional.of(pickOf(winner, Rule.SINGLE_SOURCE));
    }
    Optional<Candidate<T>> rival = sorted.stream().filter(c -> !key(c.value()).equals(key(winner.value()))).findFirst();
    if (rival.isEmpty()) {
      return Optional.of(pickOf(winner, Rule.AGREED));
    }
    for (Criterion criterion : order) {
      if (Survivorship.<T>better(criterion, frequency).compare(winner, rival.get()) != 0) {
        return Optional.of(pickOf(winner, Rule.valueOf(criterion.name())));
      }
    }
    return Optional.of(pickOf(winner, Rule.TIE_BREAK));
  }

  /** Orders the better candidate by one criterion first. */
  private static <T> Comparator<Candidate<T>> better(Criterion criterion, Map<String, Integer> frequency) {
    return switch (criterion) {
      case TRUST -> Comparator.comparingInt(c -> -c.trust());
      case RECENCY -> Comparator.comparing(Candidate::ingestedAt, Comparator.reverseOrder());
      case COMPLETENESS -> Comparator.comparingDouble(c -> -c.completeness());
      case FREQUENCY -> Comparator.comparingInt(c -> -frequency.get(key(c.value())));
    };
  }

  private static <T> Pick<T> pickOf(Candidate<T> c, Rule rule) {
    return new Pick<>(c.value(), c.sourceSystem(), c.sourceRecordId(), rule);
  }

  private static String key(Object value) {
    return String.valueOf(value);
  }
}
