package org.cdhub.jobs.resolve;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.cdhub.jobs.resolve.match.ConstrainedClustering;
import org.cdhub.jobs.resolve.match.MatchBand;
import org.cdhub.jobs.resolve.match.PersonMatchRules;
import org.cdhub.model.entity.PersonMatch;
import org.cdhub.model.ops.StewardDecision;

/**
 * The clustering of an increment's involved records, on the driver: they are tens of thousands
 * at most (the fresh records and the existing clusters their pairs reach), and here each step is
 * a loop instead of a Spark job. The rules are the full run's (ResolvePersonJob: cluster,
 * clusterColumns, assignMasterIds, matchRows); IncrementalResolveTest checks that both give the
 * same links and pairs on the same data.
 */
final class IncrementalClusters {
  /** One involved record: keys, cluster-wide id number (may be null), identity hash of a valid one, fresh or existing. */
  record Member(String source, String record, long uid, String idNumber, Long identity, boolean fresh) {
    Member {
      requireNonNull(source, "source is null");
      requireNonNull(record, "record is null");
    }

    String recordKey() {
      return MasterIds.recordKey(source, record);
    }
  }

  /** A stored link of an involved record. */
  record StoredLink(String clusterKey, String masterId, String matchRule) {}

  /** A pair scored in this run at or above the review threshold. */
  record ScoredPair(long leftUid, long rightUid, double probability, String band, String rule) {}

  /** A steward's latest decision on a pair: LINK or SPLIT. */
  record Decision(long leftUid, long rightUid, String decision) {}

  /** A record's place after clustering. */
  record Placed(Member member, long clusterUid, String clusterKey, String matchRule) {}

  /** The master id of each cluster and what the assignment did to the old masters. */
  record Assignment(Map<String, String> masterOfCluster, int clusters, int keptMasters, int oldMasters) {
    int newMasters() {
      return clusters - keptMasters;
    }

    int mergedMasters() {
      return oldMasters - keptMasters;
    }
  }

  private final Map<Long, Member> members = new LinkedHashMap<>();
  private final Map<String, Member> byKey = new HashMap<>();

  /**
   * The involved records; null when two of them share a 64-bit uid (xxhash64 of the record key),
   * which sends the run back to a full one.
   */
  static IncrementalClusters of(Collection<Member> records) {
    IncrementalClusters c = new IncrementalClusters();
    for (Member m : records) {
      Member before = c.members.putIfAbsent(m.uid(), m);
      if (before != null && !before.recordKey().equals(m.recordKey())) {
        return null;
      }
      c.byKey.putIfAbsent(m.recordKey(), m);
    }
    return c;
  }

  Collection<Member> members() {
    return members.values();
  }

  Member member(String source, String record) {
    return byKey.get(MasterIds.recordKey(source, record));
  }

  boolean involves(long uid) {
    return members.containsKey(uid);
  }

  /**
   * Existing clusters first, whole (each member linked to the cluster's first); then what a full
   * run declares before linking: identities, steward splits, likely relatives kept apart; then
   * steward links and auto-matched pairs strongest first. Returns the steward links refused.
   */
  int cluster(ConstrainedClustering clustering, Map<Long, StoredLink> existing, List<ScoredPair> scored, List<Decision> decisions,
      List<long[]> storedRelatives) {
    for (Member m : members.values()) {
      if (m.identity() != null) {
        clustering.identity(m.uid(), m.identity());
      }
    }
    Map<String, List<Long>> existingClusters = new TreeMap<>();
    existing.forEach((uid, link) -> existingClusters.computeIfAbsent(link.clusterKey(), k -> new ArrayList<>()).add(uid));
    existingClusters.forEach((clusterKey, uids) -> {
      uids.sort(Comparator.naturalOrder());
      for (long uid : uids.subList(1, uids.size())) {
        if (!clustering.link(uids.get(0), uid)) {
          throw new IllegalStateException("Cannot start from existing cluster " + clusterKey
              + ": its records break a constraint (two valid ID numbers); run resolve in full (" + ResolveSettings.FULL + "=true)");
        }
      }
    });
    for (Decision d : decisions) {
      if (StewardDecision.SPLIT.equals(d.decision()) && clustering.find(d.leftUid()) != clustering.find(d.rightUid())) {
        clustering.keepApart(d.leftUid(), d.rightUid());
      }
    }
    List<long[]> relatives = new ArrayList<>(storedRelatives);
    for (ScoredPair p : scored) {
      if (keptApartAsRelatives(p.band(), p.rule())) {
        relatives.add(new long[] {p.leftUid(), p.rightUid()});
      }
    }
    for (long[] r : relatives) {
      if (clustering.find(r[0]) != clustering.find(r[1])) {
        clustering.keepApart(r[0], r[1]);
      }
    }
    int refused = 0;
    for (Decision d : decisions) {
      if (StewardDecision.LINK.equals(d.decision()) && !clustering.link(d.leftUid(), d.rightUid())) {
        refused++;
      }
    }
    scored.stream()
        .filter(p -> MatchBand.AUTO_MATCH.name().equals(p.band()))
        .sorted(Comparator.comparingDouble(ScoredPair::probability).reversed()
            .thenComparingLong(ScoredPair::leftUid).thenComparingLong(ScoredPair::rightUid))
        .forEach(p -> clustering.link(p.leftUid(), p.rightUid()));
    return refused;
  }

  /** Whether a stored or scored pair is one the relatives rule keeps apart. */
  static boolean keptApartAsRelatives(String band, String rule) {
    return PersonMatchRules.LIKELY_RELATIVES.equals(rule) && MatchBand.NON_MATCH.name().equals(band);
  }

  /**
   * Each record's cluster: its root, the key C:feed:record of its smallest record, and the rule
   * that put it there (SINGLETON alone, ID_NUMBER_EXACT when another record of the cluster has its
   * ID number, else MATCH_MODEL).
   */
  Map<Long, Placed> place(ConstrainedClustering clustering) {
    Map<Long, Long> roots = clustering.clusters();
    Map<Long, List<Member>> byCluster = new HashMap<>();
    for (Member m : members.values()) {
      byCluster.computeIfAbsent(roots.getOrDefault(m.uid(), m.uid()), k -> new ArrayList<>()).add(m);
    }
    Map<Long, Placed> placed = new HashMap<>();
    byCluster.forEach((root, cluster) -> {
      String minRecord = cluster.stream().map(Member::recordKey).min(Comparator.naturalOrder()).orElseThrow();
      String clusterKey = "C:" + minRecord.replace(MasterIds.KEY_SEPARATOR, ':');
      Map<String, Integer> idCounts = new HashMap<>();
      cluster.stream().filter(m -> m.idNumber() != null).forEach(m -> idCounts.merge(m.idNumber(), 1, Integer::sum));
      for (Member m : cluster) {
        String rule = cluster.size() == 1 ? MatchRule.SINGLETON.name()
            : m.idNumber() != null && idCounts.get(m.idNumber()) >= 2 ? MatchRule.ID_NUMBER_EXACT.name()
            : MatchRule.MATCH_MODEL.name();
        placed.put(m.uid(), new Placed(m, root, clusterKey, rule));
      }
    });
    return placed;
  }

  /** Master ids already given out: probed with a few candidate ids; read whole only to step around a collision. */
  interface TakenIds {
    /** Those of {@code ids} that are taken. */
    Set<String> among(Set<String> ids);

    /** Every taken id. */
    Set<String> all();
  }

  /**
   * The master id of every cluster: a cluster keeps the old master covering most of its records
   * (ties: the smaller id), each old master going to the cluster that covers most of its records
   * (ties: the smaller smallest record); other clusters get an id derived from their smallest
   * record, stepped around ids already taken.
   */
  static Assignment assign(Map<Long, Placed> placed, Map<Long, String> oldMasterOf, TakenIds taken) {
    Map<String, String> minRecordOf = new TreeMap<>();
    placed.values().forEach(p -> minRecordOf.merge(p.clusterKey(), p.member().recordKey(), (a, b) -> a.compareTo(b) <= 0 ? a : b));
    Map<String, Map<String, Integer>> claims = new HashMap<>();
    oldMasterOf.forEach((uid, master) -> {
      Placed p = placed.get(uid);
      if (p != null) {
        claims.computeIfAbsent(p.clusterKey(), k -> new HashMap<>()).merge(master, 1, Integer::sum);
      }
    });
    Map<String, String> winnerOfMaster = new HashMap<>();
    Map<String, Integer> winningClaim = new HashMap<>();
    claims.forEach((cluster, byMaster) -> byMaster.forEach((master, n) -> {
      String current = winnerOfMaster.get(master);
      int best = winningClaim.getOrDefault(master, -1);
      if (current == null || n > best || n == best && minRecordOf.get(cluster).compareTo(minRecordOf.get(current)) < 0) {
        winnerOfMaster.put(master, cluster);
        winningClaim.put(master, n);
      }
    }));
    Map<String, String> kept = new HashMap<>();
    Map<String, Integer> keptClaim = new HashMap<>();
    winnerOfMaster.forEach((master, cluster) -> {
      int n = winningClaim.get(master);
      String current = kept.get(cluster);
      int best = keptClaim.getOrDefault(cluster, -1);
      if (current == null || n > best || n == best && master.compareTo(current) < 0) {
        kept.put(cluster, master);
        keptClaim.put(cluster, n);
      }
    });
    Map<String, String> masterOfCluster = new TreeMap<>(kept);
    Map<String, String> derived = new TreeMap<>();
    minRecordOf.forEach((cluster, minRecord) -> {
      if (!kept.containsKey(cluster)) {
        derived.put(cluster, MasterIds.derive(minRecord, 0));
      }
    });
    // a derived id may equal one another master holds or once held (records move between clusters): step to a salted id
    Set<String> collisions = derived.isEmpty() ? Set.of() : taken.among(new HashSet<>(derived.values()));
    Set<String> used = new HashSet<>(kept.values());
    if (!collisions.isEmpty()) {
      used.addAll(taken.all());
    }
    List<String> toStep = new ArrayList<>();
    derived.forEach((cluster, id) -> {
      if (!collisions.contains(id) && used.add(id)) {
        masterOfCluster.put(cluster, id);
      } else {
        toStep.add(cluster);
      }
    });
    if (!toStep.isEmpty() && collisions.isEmpty()) {
      used.addAll(taken.all()); // two new clusters derived one id: an 80-bit hash collision
    }
    for (String cluster : toStep) {
      String stepped = MasterIds.deriveAvoiding(minRecordOf.get(cluster), used);
      used.add(stepped);
      masterOfCluster.put(cluster, stepped);
    }
    return new Assignment(masterOfCluster, minRecordOf.size(), kept.size(), new HashSet<>(oldMasterOf.values()).size());
  }

  /**
   * A pair's status once clustered: LINKED in one cluster, else APART after a steward's
   * decision, QUEUED in the review band, APART otherwise.
   */
  static String status(boolean sameCluster, boolean stewardDecided, String band) {
    if (sameCluster) {
      return PersonMatch.LINKED;
    }
    if (stewardDecided) {
      return PersonMatch.APART;
    }
    return MatchBand.REVIEW.name().equals(band) ? PersonMatch.QUEUED : PersonMatch.APART;
  }
}
