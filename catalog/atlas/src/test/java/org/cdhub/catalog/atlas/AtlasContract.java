package org.cdhub.catalog.atlas;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.atlas.model.instance.AtlasEntity;
import org.apache.atlas.model.instance.AtlasObjectId;
import org.apache.atlas.model.instance.AtlasStruct;
import org.apache.atlas.model.typedef.AtlasBaseTypeDef;
import org.apache.atlas.model.typedef.AtlasEntityDef;
import org.apache.atlas.model.typedef.AtlasRelationshipDef;
import org.apache.atlas.model.typedef.AtlasRelationshipEndDef;
import org.apache.atlas.model.typedef.AtlasStructDef;
import org.apache.atlas.model.typedef.AtlasTypesDef;

/**
 * Atlas's published REST v2 contract as the tests check it: payloads are read with Atlas's own
 * model classes (atlas-intg), failing on any property those classes do not have, and the parts
 * of Atlas's built-in base model the hub's types rely on (from Atlas's {@code 0000-Area0/0010-base_model.json}).
 */
final class AtlasContract {
  /** The built-in types and their required attributes: Referenceable.qualifiedName, Asset.name. */
  static final Map<String, List<String>> BUILT_IN_REQUIRED = Map.of(
      "Referenceable", List.of("qualifiedName"),
      "Asset", List.of("qualifiedName", "name"),
      "DataSet", List.of("qualifiedName", "name"),
      "Process", List.of("qualifiedName", "name"));
  /** Attributes the built-ins declare (Referenceable, Asset, Process's inputs and outputs). */
  static final Set<String> BUILT_IN_ATTRIBUTES = Set.of("qualifiedName", "name", "description", "owner", "displayName",
      "userDescription", "inputs", "outputs");
  static final Set<String> PRIMITIVES = Set.of("boolean", "byte", "short", "int", "long", "float", "double", "biginteger",
      "bigdecimal", "string", "date");

  // Atlas's classes say @JsonIgnoreProperties(ignoreUnknown = true); these mix-ins take that back
  @JsonIgnoreProperties(ignoreUnknown = false)
  abstract static class Strict {}

  static final ObjectMapper STRICT = strict();

  private static ObjectMapper strict() {
    ObjectMapper m = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    for (Class<?> c : List.of(AtlasTypesDef.class, AtlasBaseTypeDef.class, AtlasStructDef.class, AtlasEntityDef.class,
        AtlasStructDef.AtlasAttributeDef.class, AtlasRelationshipDef.class, AtlasRelationshipEndDef.class,
        AtlasEntity.AtlasEntitiesWithExtInfo.class, AtlasEntity.AtlasEntityExtInfo.class, AtlasEntity.class, AtlasStruct.class,
        AtlasObjectId.class)) {
      m.addMixIn(c, Strict.class);
    }
    return m;
  }

  private AtlasContract() {}

  static AtlasTypesDef typesDef(JsonNode json) throws Exception {
    return STRICT.treeToValue(json, AtlasTypesDef.class);
  }

  static AtlasEntity.AtlasEntitiesWithExtInfo entities(JsonNode json) throws Exception {
    return STRICT.treeToValue(json, AtlasEntity.AtlasEntitiesWithExtInfo.class);
  }

  /** Required attributes of an entity type: its own non-optional ones plus those of its supertypes. */
  static List<String> required(AtlasTypesDef types, String typeName) {
    List<String> out = new ArrayList<>();
    if (BUILT_IN_REQUIRED.containsKey(typeName)) {
      return BUILT_IN_REQUIRED.get(typeName);
    }
    AtlasEntityDef def = types.getEntityDefs().stream().filter(d -> d.getName().equals(typeName)).findFirst()
        .orElseThrow(() -> new AssertionError("No entity type " + typeName));
    for (String superType : def.getSuperTypes()) {
      out.addAll(required(types, superType));
    }
    def.getAttributeDefs().stream().filter(a -> !a.getIsOptional()).forEach(a -> out.add(a.getName()));
    return out;
  }

  /** Every attribute an entity of the type may carry. */
  static Set<String> attributes(AtlasTypesDef types, String typeName) {
    Set<String> out = new java.util.HashSet<>(BUILT_IN_ATTRIBUTES);
    types.getEntityDefs().stream().filter(d -> d.getName().equals(typeName)).findFirst()
        .ifPresent(d -> d.getAttributeDefs().forEach(a -> out.add(a.getName())));
    return out;
  }

  /** Relationship attribute names per entity type, from the relationship definitions' ends. */
  static Map<String, Set<String>> relationshipAttributes(AtlasTypesDef types) {
    Map<String, Set<String>> out = new HashMap<>();
    for (AtlasRelationshipDef r : types.getRelationshipDefs()) {
      for (AtlasRelationshipEndDef end : List.of(r.getEndDef1(), r.getEndDef2())) {
        out.computeIfAbsent(end.getType(), k -> new java.util.HashSet<>()).add(end.getName());
      }
    }
    return out;
  }
}
