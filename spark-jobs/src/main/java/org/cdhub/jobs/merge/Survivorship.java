package org.cdhub.jobs.merge;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks one value per attribute from the candidates a master's source records offer: highest
 * trust rank, then most recently ingested, then most frequent; remaining ties go to the
 * smallest value, then the smallest record, so the pick never depends on input order. The
 * pick names the criterion that decided it.
 */
public final class Survivorship {
  private Survivorship() {}

  /** Why a value won. */
  public enum Rule {
    /** Only one source record has a value. */
    SINGLE_SOURCE,
    /** Every record with a value agrees. */
    AGREED,
    /** Its feed is trusted more for this attribute. */
    TRUST,
    /** Equally trusted, but delivered more recently. */
    RECENCY,
    /** Equally trusted and recent, but more records say so. */
    FREQUENCY,
    /** Nothing above separates the values; the smallest wins so the pick is stable. */
    TIE_BREAK
  }

  /** One record's value for an attribute. */
  public record Candidate<T>(T value, String sourceSystem, String sourceRecordId, int trust, Instant ingestedAt) {
    public Candidate {
      requireNonNull(value, "value is null");
      requireNonNull(sourceSystem, "sourceSystem is null");
      requireNonNull(sourceRecordId, "sourceRecordId is null");
      requireNonNull(ingestedAt, "ingestedAt is null");
    }
  }

  /** The surviving value with the record it came from and the rule that chose it. */
  public record Pick<T>(T value, String sourceSystem, String sourceRecordId, Rule rule) {
    /** Provenance entry: {@code feed:record_id:RULE}. */
    public String provenance() {
      return sourceSystem + ":" + sourceRecordId + ":" + rule.name();
    }
  }

  public static <T> Optional<Pick<T>> pick(List<Candidate<T>> candidates) {
    requireNonNull(candidates, "candidates is null");
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Integer> frequency = new HashMap<>();
    for (Candidate<T> c : candidates) {
      frequency.merge(key(c.value()), 1, Integer::sum);
    }
    Comparator<Candidate<T>> order = Comparator
        .<Candidate<T>>comparingInt(c -> -c.trust())
        .thenComparing(Candidate::ingestedAt, Comparator.reverseOrder())
        .thenComparing(c -> -frequency.get(key(c.value())))
        .thenComparing(c -> key(c.value()))
        .thenComparing(Candidate::sourceSystem)
        .thenComparing(Candidate::sourceRecordId);
    List<Candidate<T>> sorted = candidates.stream().sorted(order).toList();
    Candidate<T> winner = sorted.get(0);
    Rule rule;
    if (candidates.size() == 1) {
      rule = Rule.SINGLE_SOURCE;
    } else {
      Optional<Candidate<T>> rival = sorted.stream().filter(c -> !key(c.value()).equals(key(winner.value()))).findFirst();
      if (rival.isEmpty()) {
        rule = Rule.AGREED;
      } else if (rival.get().trust() != winner.trust()) {
        rule = Rule.TRUST;
      } else if (!rival.get().ingestedAt().equals(winner.ingestedAt())) {
        rule = Rule.RECENCY;
      } else if (!frequency.get(key(rival.get().value())).equals(frequency.get(key(winner.value())))) {
        rule = Rule.FREQUENCY;
      } else {
        rule = Rule.TIE_BREAK;
      }
    }
    return Optional.of(new Pick<>(winner.value(), winner.sourceSystem(), winner.sourceRecordId(), rule));
  }

  private static String key(Object value) {
    return String.valueOf(value);
  }
}
