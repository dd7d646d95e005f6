package org.cdhub.catalog.lineage;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.cdhub.model.contract.FieldSpec;
import org.cdhub.model.contract.SourceContract;
import org.cdhub.model.entity.EntityType;
import org.cdhub.model.lakehouse.LakehouseTable;

/**
 * Dataset-level lineage of the whole hub, derived from what it already declares: each source
 * contract names the owner department and the entity of a feed; a flow definition per feed lands
 * it in {@code bronze.<feed>}; standardize takes it to the entity's silver table (rejects to
 * silver.quarantine); resolve and merge build the entity's gold table with gold.xref and
 * gold.relationship; the API serves gold tables to client platforms, whose reads the audit log
 * names. Column level follows the contracts' {@code maps_to}: a raw field, the silver column it
 * becomes, the gold column survivorship fills.
 *
 * @param nodes every node by id ({@code source:<feed>}, {@code flow:<feed>}, a qualified table name,
 *     {@code api:<path>}, {@code client:<id>}), each with its layer (0 source .. 6 client) and label
 * @param edges from a node to the nodes it feeds, each with the step that moves the data
 */
public record DatasetLineage(Map<String, Node> nodes, Map<String, List<Edge>> edges) {
  public static final List<String> LAYERS = List.of("source (department)", "NiFi flow", "bronze", "silver", "gold", "served by", "clients (audit)");

  public record Node(String id, int layer, String label) {}

  public record Edge(String from, String to, String step) {}

  /** One raw field's way to the gold column it fills. */
  public record ColumnPath(String feed, String rawField, String silverColumn, String goldColumn, int trustRank) {}

  /**
   * The hub's lineage graph; {@code hasFlow} tells whether a feed has a NiFi flow definition,
   * {@code readers} are audited client ids per dataset.
   */
  public static DatasetLineage of(Collection<SourceContract> contracts, Predicate<String> hasFlow, Map<String, Set<String>> readers) {
    Map<String, Node> nodes = new LinkedHashMap<>();
    Map<String, List<Edge>> edges = new LinkedHashMap<>();
    class Builder {
      void node(String id, int layer, String label) {
        nodes.putIfAbsent(id, new Node(id, layer, label));
      }

      void edge(String from, String to, String step) {
        List<Edge> out = edges.computeIfAbsent(from, k -> new ArrayList<>());
        if (out.stream().noneMatch(e -> e.to().equals(to))) {
          out.add(new Edge(from, to, step));
        }
      }
    }
    Builder b = new Builder();
    for (SourceContract c : contracts.stream().sorted(java.util.Comparator.comparing(SourceContract::feed)).toList()) {
      String bronze = LakehouseTable.bronze(c.feed()).toString();
      String silver = LakehouseTable.silver(c.entity()).qualifiedName();
      String gold = LakehouseTable.gold(c.entity()).qualifiedName();
      b.node("source:" + c.feed(), 0, c.ownerDepartment() + ": " + c.title());
      b.node(bronze, 2, c.title());
      if (hasFlow.test(c.feed())) {
        b.node("flow:" + c.feed(), 1, "flows/definitions/" + c.feed() + ".json");
        b.edge("source:" + c.feed(), "flow:" + c.feed(), "delivers (" + c.format().kind() + ")");
        b.edge("flow:" + c.feed(), bronze, "NiFi stateless: land bronze batch");
      } else {
        b.edge("source:" + c.feed(), bronze, "delivers (no flow yet)");
      }
      b.node(silver, 3, "standardized " + c.entity().name().toLowerCase(java.util.Locale.ROOT) + " records");
      b.node(LakehouseTable.QUARANTINE.qualifiedName(), 3, "rejected rows, rule and field");
      b.edge(bronze, silver, "standardize (contract rules, Deequ gate)");
      b.edge(bronze, LakehouseTable.QUARANTINE.qualifiedName(), "standardize: rejects");
      b.node(gold, 4, "golden " + c.entity().name().toLowerCase(java.util.Locale.ROOT) + " records");
      b.edge(silver, gold, c.entity() == EntityType.PERSON ? "resolve + merge (survivorship)" : "merge (survivorship)");
      b.node(LakehouseTable.GOLD_XREF.qualifiedName(), 4, "source record -> master");
      b.edge(silver, LakehouseTable.GOLD_XREF.qualifiedName(), "merge: cross-reference");
      b.node(LakehouseTable.GOLD_RELATIONSHIP.qualifiedName(), 4, "edges between masters");
      b.edge(silver, LakehouseTable.GOLD_RELATIONSHIP.qualifiedName(), "merge: relationships");
    }
    Map<String, List<String>> served = new LinkedHashMap<>();
    served.put(LakehouseTable.GOLD_PERSON.qualifiedName(), List.of("/communities/{c}/persons", "/communities/{c}/changes",
        "/communities/{c}/reports/{r}"));
    served.put(LakehouseTable.GOLD_PLACE.qualifiedName(), List.of("/communities/{c}/places"));
    served.put(LakehouseTable.GOLD_ORGANIZATION.qualifiedName(), List.of("/communities/{c}/organizations"));
    served.put(LakehouseTable.GOLD_EVENT.qualifiedName(), List.of("/communities/{c}/events"));
    served.forEach((table, paths) -> {
      if (nodes.containsKey(table)) {
        for (String path : paths) {
          b.node("api:" + path, 5, "API GET /api/v1" + path);
          b.edge(table, "api:" + path, "masked, scoped, audited");
        }
        b.node("trino", 5, "Trino (hub catalog, SQL)");
        b.edge(table, "trino", "Iceberg connector");
      }
    });
    readers.forEach((dataset, clients) -> {
      for (String client : clients) {
        b.node("client:" + client, 6, client);
        for (String path : served.getOrDefault(dataset, List.of())) {
          b.edge("api:" + path, "client:" + client, "read (audit log)");
        }
      }
    });
    return new DatasetLineage(nodes, edges);
  }

  /** The nodes upstream and downstream of {@code id}, and the edges among them, in layer order. */
  public DatasetLineage around(String id) {
    requireNonNull(id, "id is null");
    if (!nodes.containsKey(id)) {
      throw new IllegalArgumentException("No dataset " + id + " in the hub's lineage");
    }
    Map<String, List<Edge>> incoming = new LinkedHashMap<>();
    edges.values().forEach(out -> out.forEach(e -> incoming.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e)));
    Set<String> kept = new LinkedHashSet<>();
    walk(id, kept, n -> edges.getOrDefault(n, List.of()).stream().map(Edge::to).toList());
    Set<String> upstream = new LinkedHashSet<>();
    walk(id, upstream, n -> incoming.getOrDefault(n, List.of()).stream().map(Edge::from).toList());
    kept.addAll(upstream);
    Map<String, Node> keptNodes = new TreeMap<>();
    kept.forEach(n -> keptNodes.put(n, nodes.get(n)));
    Map<String, List<Edge>> keptEdges = new LinkedHashMap<>();
    edges.forEach((from, out) -> {
      // only the paths through the dataset: upstream edges end on the way to it, downstream ones start from it
      List<Edge> among = out.stream().filter(e -> kept.contains(e.from()) && kept.contains(e.to())
          && (reaches(e.to(), id) || reachesFrom(id, e.from()))).toList();
      if (!among.isEmpty()) {
        keptEdges.put(from, among);
      }
    });
    Map<String, Node> ordered = new LinkedHashMap<>();
    keptNodes.values().stream().sorted(java.util.Comparator.comparingInt(Node::layer).thenComparing(Node::id))
        .forEach(n -> ordered.put(n.id(), n));
    return new DatasetLineage(ordered, keptEdges);
  }

  private boolean reaches(String from, String to) {
    Set<String> seen = new LinkedHashSet<>();
    walk(from, seen, n -> edges.getOrDefault(n, List.of()).stream().map(Edge::to).toList());
    return seen.contains(to);
  }

  private boolean reachesFrom(String from, String node) {
    return reaches(from, node);
  }

  private static void walk(String start, Set<String> seen, java.util.function.Function<String, List<String>> next) {
    Deque<String> todo = new ArrayDeque<>(List.of(start));
    while (!todo.isEmpty()) {
      String n = todo.pop();
      if (seen.add(n)) {
        todo.addAll(next.apply(n));
      }
    }
  }

  /** The gold tables the API serves to clients, whose reads name their readers. */
  public static final List<String> SERVED_TABLES = List.of(LakehouseTable.GOLD_PERSON.qualifiedName(),
      LakehouseTable.GOLD_PLACE.qualifiedName(), LakehouseTable.GOLD_ORGANIZATION.qualifiedName(), LakehouseTable.GOLD_EVENT.qualifiedName());

  /** The clients the audit log saw read each served gold table, among its latest {@code auditedReads} successful reads of it. */
  public static Map<String, Set<String>> readers(org.cdhub.catalog.audit.AccessAuditLog log, int auditedReads) {
    Map<String, Set<String>> readers = new TreeMap<>();
    for (String served : SERVED_TABLES) {
      for (org.cdhub.catalog.audit.AuditEntry e : log.find(org.cdhub.catalog.audit.AuditQuery.latest(auditedReads).withDataset(served)
          .withOutcome("OK"))) {
        readers.computeIfAbsent(served, k -> new java.util.TreeSet<>()).add(e.event().clientId());
      }
    }
    return readers;
  }

  /**
   * The raw fields behind {@code column} of a dataset: of a bronze table, its own feed's fields; of a
   * silver or gold table, every feed of its entity. Empty when no contract maps a field to it.
   */
  public static List<ColumnPath> column(Collection<SourceContract> contracts, String dataset, String column) {
    String table = dataset.substring(dataset.indexOf('.') + 1);
    java.util.Optional<SourceContract> feed = dataset.startsWith("bronze.")
        ? contracts.stream().filter(c -> c.feed().equals(table)).findFirst() : java.util.Optional.empty();
    java.util.Optional<EntityType> entity = feed.map(SourceContract::entity)
        .or(() -> java.util.Arrays.stream(EntityType.values())
            .filter(t -> LakehouseTable.silver(t).qualifiedName().endsWith("." + table)).findFirst());
    return entity.map(t -> column(contracts, t, column)).orElse(List.of()).stream()
        .filter(p -> feed.isEmpty() || p.feed().equals(table)).toList();
  }

  /** Every raw field that fills {@code column} of the entity's silver and gold tables, best trust first. */
  public static List<ColumnPath> column(Collection<SourceContract> contracts, EntityType entity, String column) {
    List<ColumnPath> paths = new ArrayList<>();
    for (SourceContract c : contracts) {
      if (c.entity() != entity) {
        continue;
      }
      for (FieldSpec f : c.fields()) {
        if (column.equals(f.mapsTo())) {
          paths.add(new ColumnPath(c.feed(), f.name(), LakehouseTable.silver(entity).qualifiedName() + "." + column,
              LakehouseTable.gold(entity).qualifiedName() + "." + column, c.trustRank()));
        }
      }
    }
    paths.sort(java.util.Comparator.comparingInt(ColumnPath::trustRank).reversed().thenComparing(ColumnPath::feed));
    return paths;
  }
}
