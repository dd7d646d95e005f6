package org.cdhub.jobs.merge;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.cdhub.jobs.merge.Survivorship.Candidate;
import org.cdhub.jobs.merge.Survivorship.Pick;
import org.cdhub.model.entity.EntityType;

/**
 * One master's source records voting on its golden attributes: each {@link #choose} runs
 * {@link Survivorship} with the policy's criteria for the attribute and records the winner's
 * provenance ({@code feed:record:RULE}) under the attribute's name.
 */
final class AttributeVotes<R> {
  /** A source record with what survivorship needs to know about it. */
  record Source<R>(R record, String sourceSystem, String sourceRecordId, int trustRank, Instant ingestedAt, double completeness) {
    Source {
      requireNonNull(record, "record is null");
      requireNonNull(sourceSystem, "sourceSystem is null");
      requireNonNull(sourceRecordId, "sourceRecordId is null");
      requireNonNull(ingestedAt, "ingestedAt is null");
    }
  }

  private final EntityType entity;
  private final List<Source<R>> sources;
  private final TrustRanks trust;
  private final SurvivorshipPolicy policy;
  private final Map<String, String> provenance = new TreeMap<>();

  AttributeVotes(EntityType entity, List<Source<R>> sources, TrustRanks trust, SurvivorshipPolicy policy) {
    this.entity = requireNonNull(entity, "entity is null");
    this.sources = List.copyOf(sources);
    this.trust = requireNonNull(trust, "trust is null");
    this.policy = requireNonNull(policy, "policy is null");
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("Cannot vote on a " + entity + " master without source records");
    }
  }

  /** The surviving value of {@code attribute}, or null when no record has one. */
  <T> T choose(String attribute, Function<R, T> value) {
    return pickSource(attribute, value).map(s -> value.apply(s.record())).orElse(null);
  }

  /** The record whose value of {@code attribute} survives, for attributes that travel together (a name and its pinyin). */
  <T> Optional<Source<R>> pickSource(String attribute, Function<R, T> value) {
    List<Candidate<T>> candidates = new ArrayList<>();
    for (Source<R> s : sources) {
      T v = value.apply(s.record());
      if (v != null) {
        candidates.add(new Candidate<>(v, s.sourceSystem(), s.sourceRecordId(),
            trust.of(s.sourceSystem(), attribute, s.trustRank()), s.ingestedAt(), s.completeness()));
      }
    }
    Optional<Pick<T>> pick = Survivorship.pick(candidates, policy.order(entity, attribute));
    pick.ifPresent(p -> provenance.put(attribute, p.provenance()));
    return pick.map(p -> sources.stream()
        .filter(s -> s.sourceSystem().equals(p.sourceSystem()) && s.sourceRecordId().equals(p.sourceRecordId()))
        .findFirst().orElseThrow());
  }

  /** Records provenance for a value this class did not choose (derived attributes). */
  void provenance(String attribute, String entry) {
    provenance.put(attribute, entry);
  }

  Map<String, String> provenance() {
    return new TreeMap<>(provenance);
  }

  List<Source<R>> sources() {
    return sources;
  }

  /** Share of a record's components that are set: what the completeness criterion compares. */
  static double completeness(Record record) {
    RecordComponent[] components = record.getClass().getRecordComponents();
    int set = 0;
    for (RecordComponent c : components) {
      try {
        Object v = c.getAccessor().invoke(record);
        if (v != null && !(v instanceof List<?> l && l.isEmpty())) {
          set++;
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("Cannot read " + c.getName() + " of " + record.getClass().getSimpleName(), e);
      }
    }
    return components.length == 0 ? 0 : (double) set / components.length;
  }
}
