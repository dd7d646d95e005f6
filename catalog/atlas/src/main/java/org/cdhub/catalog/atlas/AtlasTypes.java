package org.cdhub.catalog.atlas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The Atlas type definitions of the hub's entities, as the JSON of Atlas's {@code AtlasTypesDef}
 * (REST v2 {@code /types/typedefs}). Tables, columns, source feeds and API clients are subtypes of
 * Atlas's built-in {@code DataSet}; NiFi flows, Spark jobs and API endpoints of {@code Process},
 * so Atlas draws lineage through them from their {@code inputs} and {@code outputs}.
 *
 * <p>Bump {@link #TYPE_VERSION} with every change here: the exporter updates a type whose
 * attributes on the server differ from these.
 */
public final class AtlasTypes {
  public static final String SERVICE_TYPE = "cdhub";
  public static final String TYPE_VERSION = "1.0";

  public static final String TABLE = "hub_lakehouse_table";
  public static final String COLUMN = "hub_lakehouse_column";
  public static final String SOURCE_FEED = "hub_source_feed";
  public static final String API_CLIENT = "hub_api_client";
  public static final String NIFI_FLOW = "hub_nifi_flow";
  public static final String SPARK_JOB = "hub_spark_job";
  public static final String API_ENDPOINT = "hub_api_endpoint";
  public static final String TABLE_COLUMNS = "hub_lakehouse_table_columns";

  /** Atlas's built-in supertypes the hub's types extend; they must exist on the server. */
  public static final List<String> BUILT_IN_SUPERTYPES = List.of("DataSet", "Process");

  private static final ObjectMapper JSON = new ObjectMapper();

  private AtlasTypes() {}

  /** Every definition, one {@code AtlasTypesDef}: entity definitions, then the table-column relationship. */
  public static ObjectNode typesDef() {
    ObjectNode def = JSON.createObjectNode();
    ArrayNode entities = def.putArray("entityDefs");
    entities.add(entity(TABLE, "DataSet", "A table of the hub's Iceberg lakehouse with its government catalog entry",
        optional("layer", "string"),
        optional("resourceCode", "string"),
        optional("format", "string"),
        optional("providerDepartment", "string"),
        optional("sharingType", "string"),
        optional("sharingConditions", "string"),
        optional("legalBasis", "string"),
        optional("openToPublic", "boolean"),
        optional("updateCycle", "string"),
        optional("rowCount", "long"),
        optional("snapshotId", "long"),
        optional("dataUpdatedAt", "date"),
        optional("publishedAt", "date")));
    entities.add(entity(COLUMN, "DataSet", "A column of a lakehouse table with its sensitivity class",
        required("dataType", "string"),
        required("sensitivity", "string"),
        optional("position", "int")));
    entities.add(entity(SOURCE_FEED, "DataSet", "A department's or vendor's feed as its source contract describes it",
        required("feed", "string")));
    entities.add(entity(API_CLIENT, "DataSet", "A community platform that reads the hub's return-data API (from the audit log)",
        required("clientId", "string")));
    entities.add(entity(NIFI_FLOW, "Process", "A NiFi flow that lands a feed in its bronze table",
        optional("definition", "string")));
    entities.add(entity(SPARK_JOB, "Process", "A Spark job of the hub (standardize, resolve, merge)",
        required("job", "string")));
    entities.add(entity(API_ENDPOINT, "Process", "A way the hub serves a gold table: a return-data API path or Trino",
        required("endpoint", "string")));
    ArrayNode relationships = def.putArray("relationshipDefs");
    ObjectNode columns = base("RELATIONSHIP", TABLE_COLUMNS, "The columns of a lakehouse table");
    columns.put("relationshipCategory", "COMPOSITION");
    columns.put("propagateTags", "NONE");
    columns.set("endDef1", end(TABLE, "columns", true, "SET"));
    columns.set("endDef2", end(COLUMN, "table", false, "SINGLE"));
    relationships.add(columns);
    return def;
  }

  /** Names of every definition in {@link #typesDef()}, entity types first. */
  public static List<String> names() {
    List<String> names = new ArrayList<>();
    ObjectNode def = typesDef();
    def.get("entityDefs").forEach(d -> names.add(d.get("name").asText()));
    def.get("relationshipDefs").forEach(d -> names.add(d.get("name").asText()));
    return names;
  }

  /**
   * Whether the server's definition {@code onServer} lacks something ours declares: a supertype, or
   * an attribute or relationship end with the same name and type. Extra attributes on the server are
   * left alone (Atlas refuses to delete attributes).
   */
  static boolean differs(JsonNode ours, JsonNode onServer) {
    for (JsonNode superType : ours.path("superTypes")) {
      if (!contains(onServer.path("superTypes"), superType.asText())) {
        return true;
      }
    }
    for (JsonNode attribute : ours.path("attributeDefs")) {
      JsonNode found = null;
      for (JsonNode theirs : onServer.path("attributeDefs")) {
        if (theirs.path("name").asText().equals(attribute.get("name").asText())) {
          found = theirs;
        }
      }
      if (found == null || !found.path("typeName").asText().equals(attribute.get("typeName").asText())) {
        return true;
      }
    }
    for (String end : List.of("endDef1", "endDef2")) {
      if (ours.has(end) && (!ours.get(end).path("type").equals(onServer.path(end).path("type"))
          || !ours.get(end).path("name").equals(onServer.path(end).path("name")))) {
        return true;
      }
    }
    return false;
  }

  private static boolean contains(JsonNode array, String value) {
    for (JsonNode n : array) {
      if (n.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static ObjectNode entity(String name, String superType, String description, ObjectNode... attributes) {
    ObjectNode def = base("ENTITY", name, description);
    def.putArray("superTypes").add(superType);
    ArrayNode defs = def.putArray("attributeDefs");
    for (ObjectNode a : attributes) {
      defs.add(a);
    }
    return def;
  }

  private static ObjectNode base(String category, String name, String description) {
    ObjectNode def = JSON.createObjectNode();
    def.put("category", category);
    def.put("name", name);
    def.put("description", description);
    def.put("typeVersion", TYPE_VERSION);
    def.put("serviceType", SERVICE_TYPE);
    return def;
  }

  private static ObjectNode end(String type, String name, boolean container, String cardinality) {
    ObjectNode end = JSON.createObjectNode();
    end.put("type", type);
    end.put("name", name);
    end.put("isContainer", container);
    end.put("cardinality", cardinality);
    end.put("isLegacyAttribute", false);
    return end;
  }

  private static ObjectNode required(String name, String type) {
    return attribute(name, type, false);
  }

  private static ObjectNode optional(String name, String type) {
    return attribute(name, type, true);
  }

  private static ObjectNode attribute(String name, String type, boolean optional) {
    ObjectNode a = JSON.createObjectNode();
    a.put("name", name);
    a.put("typeName", type);
    a.put("isOptional", optional);
    a.put("cardinality", "SINGLE");
    a.put("valuesMinCount", optional ? 0 : 1);
    a.put("valuesMaxCount", 1);
    a.put("isUnique", false);
    a.put("isIndexable", false);
    return a;
  }
}
