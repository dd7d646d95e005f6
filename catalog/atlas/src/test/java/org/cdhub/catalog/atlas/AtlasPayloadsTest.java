package org.cdhub.catalog.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.atlas.model.instance.AtlasEntity;
import org.apache.atlas.model.typedef.AtlasEntityDef;
import org.apache.atlas.model.typedef.AtlasRelationshipDef;
import org.apache.atlas.model.typedef.AtlasStructDef.AtlasAttributeDef;
import org.apache.atlas.model.typedef.AtlasTypesDef;
import org.cdhub.catalog.registry.Dataset;
import org.cdhub.catalog.registry.DatasetField;
import org.junit.jupiter.api.Test;

/** The export's payloads read with Atlas's own model classes and checked against Atlas's type system. */
class AtlasPayloadsTest {
  @Test
  void theTypeDefinitionsAreAtlasTypesDefsWhoseEveryReferencedTypeExists() throws Exception {
    AtlasTypesDef types = AtlasContract.typesDef(AtlasTypes.typesDef());

    Set<String> defined = new HashSet<>(AtlasContract.BUILT_IN_REQUIRED.keySet());
    types.getEntityDefs().forEach(d -> defined.add(d.getName()));
    assertThat(types.getEntityDefs()).extracting(AtlasEntityDef::getName).contains(AtlasTypes.TABLE, AtlasTypes.COLUMN,
        AtlasTypes.NIFI_FLOW, AtlasTypes.SPARK_JOB, AtlasTypes.API_CLIENT);
    for (AtlasEntityDef def : types.getEntityDefs()) {
      assertThat(def.getSuperTypes()).as(def.getName()).isNotEmpty().allMatch(defined::contains);
      assertThat(def.getServiceType()).isEqualTo("cdhub");
      for (AtlasAttributeDef a : def.getAttributeDefs()) {
        assertThat(AtlasContract.PRIMITIVES).as(def.getName() + "." + a.getName()).contains(a.getTypeName());
        assertThat(AtlasContract.BUILT_IN_ATTRIBUTES).as("redeclares a built-in attribute").doesNotContain(a.getName());
      }
    }
    for (AtlasRelationshipDef r : types.getRelationshipDefs()) {
      assertThat(defined).contains(r.getEndDef1().getType(), r.getEndDef2().getType());
      assertThat(r.getRelationshipCategory()).isEqualTo(AtlasRelationshipDef.RelationshipCategory.COMPOSITION);
    }
    assertThat(AtlasTypes.names()).hasSize(types.getEntityDefs().size() + types.getRelationshipDefs().size());
  }

  @Test
  void theStrictReaderRefusesWhatAtlasDoesNotKnow() {
    ObjectNode typo = AtlasTypes.typesDef();
    ((ObjectNode) typo.get("entityDefs").get(0).get("attributeDefs").get(0)).put("isOptinal", true);

    assertThatThrownBy(() -> AtlasContract.typesDef(typo)).hasMessageContaining("isOptinal");
  }

  @Test
  void everyEntityIsAnAtlasEntityWithItsRequiredAttributesAndResolvableReferences() throws Exception {
    AtlasTypesDef types = AtlasContract.typesDef(AtlasTypes.typesDef());
    Map<String, Set<String>> relationshipNames = AtlasContract.relationshipAttributes(types);
    Set<String> earlier = new HashSet<>();
    List<AtlasBatch> batches = HubCatalog.batches();
    int entities = 0;

    for (AtlasBatch batch : batches) {
      AtlasEntity.AtlasEntitiesWithExtInfo parsed = AtlasContract.entities(batch.entities());
      assertThat(parsed.getEntities()).as(batch.name()).hasSize(batch.count());
      Map<String, String> guids = new HashMap<>();
      Set<String> here = new HashSet<>();
      for (AtlasEntity e : parsed.getEntities()) {
        assertThat(guids.put(e.getGuid(), e.getTypeName())).as("guid " + e.getGuid() + " twice in " + batch.name()).isNull();
        here.add((String) e.getAttribute("qualifiedName"));
      }
      for (AtlasEntity e : parsed.getEntities()) {
        String qn = (String) e.getAttribute("qualifiedName");
        assertThat(Integer.parseInt(e.getGuid())).as("temporary guid of " + qn).isNegative();
        for (String required : AtlasContract.required(types, e.getTypeName())) {
          assertThat(e.getAttribute(required)).as(qn + " needs " + required).isNotNull();
        }
        assertThat(AtlasContract.attributes(types, e.getTypeName())).as(qn).containsAll(e.getAttributes().keySet());
        if (e.getRelationshipAttributes() != null) {
          assertThat(relationshipNames.get(e.getTypeName())).as(qn).containsAll(e.getRelationshipAttributes().keySet());
        }
        for (Map<?, ?> ref : references(e)) {
          String type = (String) ref.get("typeName");
          if (ref.get("guid") != null) {
            assertThat(guids.get((String) ref.get("guid"))).as(qn + " refers to guid " + ref.get("guid")).isEqualTo(type);
          } else {
            String target = (String) ((Map<?, ?>) ref.get("uniqueAttributes")).get("qualifiedName");
            assertThat(earlier.contains(target) || here.contains(target)).as(qn + " refers to " + target).isTrue();
          }
        }
      }
      for (String qn : here) {
        assertThat(earlier.add(qn)).as(qn + " exported twice").isTrue();
      }
      entities += batch.count();
    }
    List<Dataset> datasets = HubCatalog.datasets();
    int columns = datasets.stream().mapToInt(d -> d.fields().size()).sum();
    assertThat(entities).isGreaterThan(datasets.size() + columns);
  }

  @Test
  void aTableCarriesItsCatalogEntryAndOneColumnPerFieldWithItsSensitivity() throws Exception {
    Dataset person = HubCatalog.datasets().stream().filter(d -> d.qualifiedName().equals("gold.person")).findFirst().orElseThrow();
    AtlasBatch batch = HubCatalog.batches().stream().filter(b -> b.name().equals("table-gold.person")).findFirst().orElseThrow();
    List<AtlasEntity> entities = AtlasContract.entities(batch.entities()).getEntities();

    AtlasEntity table = entities.get(0);
    assertThat(table.getAttribute("qualifiedName")).isEqualTo("gold.person@cdhub");
    assertThat(table.getAttribute("resourceCode")).isEqualTo(person.resourceCode());
    assertThat(table.getAttribute("sharingType")).isEqualTo(person.sharingType().name());
    assertThat(((Number) table.getAttribute("rowCount")).longValue()).isEqualTo(person.rowCount());
    assertThat(entities).hasSize(1 + person.fields().size());
    for (DatasetField f : person.fields()) {
      AtlasEntity column = entities.stream().filter(e -> e.getAttribute("qualifiedName").equals("gold.person." + f.name() + "@cdhub"))
          .findFirst().orElseThrow(() -> new AssertionError("no column " + f.name()));
      assertThat(column.getAttribute("sensitivity")).isEqualTo(f.sensitivity().name());
      assertThat(column.getAttribute("dataType")).isEqualTo(f.type());
    }
  }

  @Test
  void lineageRunsFromTheFeedThroughFlowAndJobsToGoldAndItsReaders() throws Exception {
    // dataset qualified name -> processes that read it; process -> its outputs
    Map<String, List<AtlasEntity>> readBy = new HashMap<>();
    for (AtlasBatch batch : HubCatalog.batches()) {
      for (AtlasEntity e : AtlasContract.entities(batch.entities()).getEntities()) {
        if (e.getAttribute("inputs") != null) {
          for (Map<?, ?> in : objectIds(e.getAttribute("inputs"))) {
            readBy.computeIfAbsent(qualifiedName(in), k -> new ArrayList<>()).add(e);
          }
        }
      }
    }
    List<String> path = new ArrayList<>();
    String at = "source:hr_household@cdhub";
    for (String next : List.of("bronze.hr_household@cdhub", "silver.person@cdhub", "gold.person@cdhub", "client:north-platform@cdhub")) {
      AtlasEntity process = readBy.getOrDefault(at, List.of()).stream()
          .filter(p -> objectIds(p.getAttribute("outputs")).stream().anyMatch(o -> qualifiedName(o).equals(next)))
          .findFirst().orElseThrow(() -> new AssertionError("no process from " + path + " to " + next));
      path.add(process.getTypeName() + ":" + process.getAttribute("qualifiedName"));
      at = next;
    }
    assertThat(path).containsExactly(
        "hub_nifi_flow:flow:hr_household@cdhub",
        "hub_spark_job:standardize:bronze.hr_household@cdhub",
        "hub_spark_job:merge:silver.person@cdhub",
        "hub_api_endpoint:api:/communities/{c}/persons@cdhub");
  }

  @Test
  void anInvalidClusterNameIsRefusedByName() {
    assertThatThrownBy(() -> AtlasEntities.of(List.of(), HubCatalog.lineage(), "cd hub"))
        .hasMessageContaining("cluster name 'cd hub'");
  }

  private static List<Map<?, ?>> references(AtlasEntity e) {
    List<Map<?, ?>> out = new ArrayList<>();
    List<Object> values = new ArrayList<>(e.getAttributes().values());
    if (e.getRelationshipAttributes() != null) {
      values.addAll(e.getRelationshipAttributes().values());
    }
    for (Object v : values) {
      out.addAll(objectIds(v));
    }
    return out;
  }

  private static List<Map<?, ?>> objectIds(Object value) {
    List<Map<?, ?>> out = new ArrayList<>();
    if (value instanceof Map<?, ?> m && m.containsKey("typeName")) {
      out.add(m);
    } else if (value instanceof List<?> list) {
      list.forEach(v -> out.addAll(objectIds(v)));
    }
    return out;
  }

  private static String qualifiedName(Map<?, ?> objectId) {
    return (String) ((Map<?, ?>) objectId.get("uniqueAttributes")).get("qualifiedName");
  }
}
