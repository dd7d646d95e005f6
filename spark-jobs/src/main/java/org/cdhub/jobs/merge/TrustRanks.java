package org.cdhub.jobs.merge;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.cdhub.model.contract.FieldSpec;
import org.cdhub.model.contract.SourceContract;

/**
 * Trust of each feed per master attribute, from the contracts: a field's own trust_rank, else
 * its feed's. Feeds without a contract fall back to the rank stored on the silver row.
 */
public record TrustRanks(Map<String, Map<String, Integer>> byFeed) implements Serializable {
  private static final long serialVersionUID = 1L;

  public TrustRanks {
    Map<String, Map<String, Integer>> copy = new HashMap<>();
    requireNonNull(byFeed, "byFeed is null").forEach((feed, ranks) -> copy.put(feed, new HashMap<>(ranks)));
    byFeed = copy;
  }

  public static TrustRanks of(Iterable<SourceContract> contracts) {
    Map<String, Map<String, Integer>> byFeed = new HashMap<>();
    for (SourceContract c : contracts) {
      Map<String, Integer> ranks = new HashMap<>();
      ranks.put("*", c.trustRank());
      for (FieldSpec f : c.fields()) {
        if (f.mapsTo() != null) {
          ranks.put(f.mapsTo(), c.trustOf(f));
        }
      }
      byFeed.put(c.feed(), ranks);
    }
    return new TrustRanks(byFeed);
  }

  /** Trust of {@code feed} for {@code attribute}; {@code stored} when the feed has no contract. */
  public int of(String feed, String attribute, int stored) {
    Map<String, Integer> ranks = byFeed.get(feed);
    if (ranks == null) {
      return stored;
    }
    return ranks.getOrDefault(attribute, ranks.getOrDefault("*", stored));
  }
}
