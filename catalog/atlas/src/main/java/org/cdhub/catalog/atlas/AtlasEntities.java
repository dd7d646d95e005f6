package org.cdhub.catalog.atlas;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.cdhub.catalog.lineage.DatasetLineage;
import org.cdhub.catalog.registry.Dataset;
import org.cdhub.catalog.registry.DatasetField;

/**
 * The hub's catalog and dataset lineage as Atlas entities, in request order: one batch per
 * catalog dataset (the table with its columns), one with the tables the lineage names that are
 * not published yet, one with the source feeds and API clients, and last the lineage processes
 * (NiFi flows, Spark jobs, API endpoints) that connect them.
 *
 * <p>Every entity carries {@code qualifiedName = <hub name>@<cluster>} ({@code gold.person@cdhub},
 * {@code gold.person.phone@cdhub}, {@code flow:hr_household@cdhub}), the unique attribute Atlas
 * matches on, so exporting again updates the same entities instead of creating new ones.
 */
public final class AtlasEntities {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AtlasEntities() {}

  /** {@code name@cluster}: the qualified name Atlas keys the hub's entity on. */
  public static String qualifiedName(String hubName, String cluster) {
    return hubName + "@" + cluster;
  }

  public static List<AtlasBatch> of(List<Dataset> datasets, DatasetLineage lineage, String cluster) {
    requireNonNull(datasets, "datasets is null");
    requireNonNull(lineage, "lineage is null");
    if (cluster == null || !cluster.matches("[A-Za-z0-9_.-]{1,64}")) {
      throw new IllegalArgumentException("Invalid Atlas cluster name '" + cluster + "': expected 1..64 letters, digits, '.', '_' or '-'");
    }
    List<AtlasBatch> batches = new ArrayList<>();
    Set<String> tables = new LinkedHashSet<>();
    for (Dataset d : datasets) {
      batches.add(tableBatch(d, cluster));
      tables.add(d.qualifiedName());
    }
    // tables the lineage passes through that nobody has published yet: named, so processes can point at them
    ArrayNode unpublished = JSON.createArrayNode();
    ArrayNode endpoints = JSON.createArrayNode();
    for (DatasetLineage.Node n : lineage.nodes().values()) {
      switch (kind(n.id())) {
        case TABLE -> {
          if (tables.add(n.id())) {
            ObjectNode table = entity(AtlasTypes.TABLE, -1 - unpublished.size(), qualifiedName(n.id(), cluster), n.id(), n.label());
            attributes(table).put("layer", n.id().substring(0, n.id().indexOf('.')));
            unpublished.add(table);
          }
        }
        case FEED -> {
          ObjectNode feed = entity(AtlasTypes.SOURCE_FEED, -1 - endpoints.size(), qualifiedName(n.id(), cluster), n.label(), null);
          attributes(feed).put("feed", n.id().substring("source:".length()));
          endpoints.add(feed);
        }
        case CLIENT -> {
          String client = n.id().substring("client:".length());
          ObjectNode reader = entity(AtlasTypes.API_CLIENT, -1 - endpoints.size(), qualifiedName(n.id(), cluster), client, n.label());
          attributes(reader).put("clientId", client);
          endpoints.add(reader);
        }
        default -> { }
      }
    }
    if (!unpublished.isEmpty()) {
      batches.add(batch("unpublished-tables", unpublished));
    }
    if (!endpoints.isEmpty()) {
      batches.add(batch("feeds-and-clients", endpoints));
    }
    ArrayNode processes = processes(lineage, cluster);
    if (!processes.isEmpty()) {
      batches.add(batch("lineage", processes));
    }
    return batches;
  }

  private enum Kind { TABLE, FEED, CLIENT, FLOW, ENDPOINT }

  private static Kind kind(String nodeId) {
    if (nodeId.startsWith("source:")) {
      return Kind.FEED;
    }
    if (nodeId.startsWith("client:")) {
      return Kind.CLIENT;
    }
    if (nodeId.startsWith("flow:")) {
      return Kind.FLOW;
    }
    if (nodeId.startsWith("api:") || nodeId.equals("trino")) {
      return Kind.ENDPOINT;
    }
    return Kind.TABLE;
  }

  private static boolean isProcess(String nodeId) {
    Kind k = kind(nodeId);
    return k == Kind.FLOW || k == Kind.ENDPOINT;
  }

  private static String typeOf(String nodeId) {
    return switch (kind(nodeId)) {
      case TABLE -> AtlasTypes.TABLE;
      case FEED -> AtlasTypes.SOURCE_FEED;
      case CLIENT -> AtlasTypes.API_CLIENT;
      case FLOW -> AtlasTypes.NIFI_FLOW;
      case ENDPOINT -> AtlasTypes.API_ENDPOINT;
    };
  }

  /**
   * Flow and endpoint nodes become processes with the datasets around them as inputs and outputs;
   * a dataset's direct edges to other datasets (bronze -> silver, silver -> gold) become the Spark
   * job that moves the data, one per input table.
   */
  private static ArrayNode processes(DatasetLineage lineage, String cluster) {
    Map<String, List<String>> inputs = new LinkedHashMap<>();
    lineage.edges().values().forEach(out -> out.forEach(e -> inputs.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e.from())));
    ArrayNode processes = JSON.createArrayNode();
    for (DatasetLineage.Node n : lineage.nodes().values()) {
      List<DatasetLineage.Edge> out = lineage.edges().getOrDefault(n.id(), List.of());
      if (isProcess(n.id())) {
        String name = n.id().startsWith("flow:") ? "NiFi flow " + n.id().substring("flow:".length()) : n.label();
        ObjectNode process = entity(typeOf(n.id()), -1 - processes.size(), qualifiedName(n.id(), cluster), name, n.label());
        if (kind(n.id()) == Kind.FLOW) {
          attributes(process).put("definition", n.label());
        } else {
          attributes(process).put("endpoint", n.label());
        }
        links(process, inputs.getOrDefault(n.id(), List.of()), out.stream().map(DatasetLineage.Edge::to).toList(), cluster);
        processes.add(process);
        continue;
      }
      List<DatasetLineage.Edge> moves = out.stream().filter(e -> !isProcess(e.to())).toList();
      if (moves.isEmpty()) {
        continue;
      }
      // bronze feeds silver through standardize; silver feeds gold through resolve and merge
      String job = n.layer() == 2 ? "standardize" : n.layer() == 3 ? "merge" : "delivery";
      String steps = moves.stream().map(DatasetLineage.Edge::step).distinct().collect(Collectors.joining("; "));
      String type = n.layer() == 2 || n.layer() == 3 ? AtlasTypes.SPARK_JOB : AtlasTypes.NIFI_FLOW;
      ObjectNode process = entity(type, -1 - processes.size(), qualifiedName(job + ":" + n.id(), cluster),
          job + " " + n.id().replaceFirst("^source:", ""), steps);
      if (type.equals(AtlasTypes.SPARK_JOB)) {
        attributes(process).put("job", job);
      }
      links(process, List.of(n.id()), moves.stream().map(DatasetLineage.Edge::to).toList(), cluster);
      processes.add(process);
    }
    return processes;
  }

  private static void links(ObjectNode process, List<String> from, List<String> to, String cluster) {
    ArrayNode in = attributes(process).putArray("inputs");
    from.stream().distinct().forEach(id -> in.add(reference(typeOf(id), qualifiedName(id, cluster))));
    ArrayNode out = attributes(process).putArray("outputs");
    to.stream().distinct().forEach(id -> out.add(reference(typeOf(id), qualifiedName(id, cluster))));
  }

  private static AtlasBatch tableBatch(Dataset d, String cluster) {
    ArrayNode entities = JSON.createArrayNode();
    ObjectNode table = entity(AtlasTypes.TABLE, -1, qualifiedName(d.qualifiedName(), cluster), d.qualifiedName(), d.description());
    ObjectNode a = attributes(table);
    a.put("owner", d.providerDepartment());
    a.put("layer", d.layer());
    a.put("resourceCode", d.resourceCode());
    a.put("format", d.format());
    a.put("providerDepartment", d.providerDepartment());
    a.put("sharingType", d.sharingType().name());
    putIfSet(a, "sharingConditions", d.sharingConditions());
    putIfSet(a, "legalBasis", d.legalBasis());
    a.put("openToPublic", d.openToPublic());
    a.put("updateCycle", d.updateCycle().name());
    a.put("rowCount", d.rowCount());
    if (d.snapshotId() != null) {
      a.put("snapshotId", d.snapshotId());
    }
    putIfSet(a, "dataUpdatedAt", d.dataUpdatedAt());
    putIfSet(a, "publishedAt", d.publishedAt());
    entities.add(table);
    ArrayNode columns = relationships(table).putArray("columns");
    int position = 0;
    for (DatasetField f : d.fields()) {
      int guid = -2 - position;
      ObjectNode column = entity(AtlasTypes.COLUMN, guid, qualifiedName(d.qualifiedName() + "." + f.name(), cluster), f.name(),
          f.description());
      attributes(column).put("dataType", f.type()).put("sensitivity", f.sensitivity().name()).put("position", position);
      relationships(column).set("table", temporary(AtlasTypes.TABLE, -1));
      columns.add(temporary(AtlasTypes.COLUMN, guid));
      entities.add(column);
      position++;
    }
    return batch("table-" + d.qualifiedName(), entities);
  }

  private static AtlasBatch batch(String name, ArrayNode entities) {
    ObjectNode body = JSON.createObjectNode();
    body.set("entities", entities);
    return new AtlasBatch(name, body, entities.size());
  }

  private static ObjectNode entity(String type, int guid, String qualifiedName, String name, String description) {
    ObjectNode e = JSON.createObjectNode();
    e.put("typeName", type);
    e.put("guid", Integer.toString(guid));
    ObjectNode a = e.putObject("attributes");
    a.put("qualifiedName", qualifiedName);
    a.put("name", name);
    putIfSet(a, "description", description);
    return e;
  }

  private static ObjectNode attributes(ObjectNode entity) {
    return (ObjectNode) entity.get("attributes");
  }

  private static ObjectNode relationships(ObjectNode entity) {
    return entity.has("relationshipAttributes") ? (ObjectNode) entity.get("relationshipAttributes")
        : entity.putObject("relationshipAttributes");
  }

  /** An {@code AtlasObjectId} by unique attribute: an entity of an earlier request (or already in Atlas). */
  private static ObjectNode reference(String type, String qualifiedName) {
    ObjectNode id = JSON.createObjectNode();
    id.put("typeName", type);
    id.putObject("uniqueAttributes").put("qualifiedName", qualifiedName);
    return id;
  }

  /** An {@code AtlasObjectId} by temporary guid: an entity of the same request. */
  private static ObjectNode temporary(String type, int guid) {
    ObjectNode id = JSON.createObjectNode();
    id.put("guid", Integer.toString(guid));
    id.put("typeName", type);
    return id;
  }

  private static void putIfSet(ObjectNode node, String field, String value) {
    if (value != null && !value.isBlank()) {
      node.put(field, value.strip());
    }
  }

  // Atlas's date type takes milliseconds since the epoch
  private static void putIfSet(ObjectNode node, String field, Instant value) {
    if (value != null) {
      node.put(field, value.toEpochMilli());
    }
  }
}
