package org.cdhub.catalog.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The export against an in-process server that follows Atlas's documented REST v2 endpoints. */
class AtlasExportTest {
  private FakeAtlas atlas;
  private final List<String> progress = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    atlas = new FakeAtlas("admin", "s3cret");
  }

  @AfterEach
  void stop() {
    atlas.close();
  }

  private AtlasExport export(String password) {
    return new AtlasExport(new AtlasClient(atlas.url(), "admin", password, 4, Duration.ofMillis(5)), progress::add);
  }

  @Test
  void theFirstExportCreatesTypesAndEntitiesAndTheSecondCreatesNothing() {
    List<AtlasBatch> batches = HubCatalog.batches();
    int sent = batches.stream().mapToInt(AtlasBatch::count).sum();

    AtlasExport.Summary first = export("s3cret").run(batches);

    assertThat(first.typesCreated()).isEqualTo(AtlasTypes.names().size());
    assertThat(first.entitiesCreated()).isEqualTo(sent).isEqualTo(atlas.entities.size());
    assertThat(atlas.entities).containsKeys("gold.person@cdhub", "gold.person.phone@cdhub", "flow:hr_household@cdhub",
        "merge:silver.person@cdhub", "client:north-platform@cdhub");
    assertThat(atlas.entities.get("gold.person.phone@cdhub").typeName()).isEqualTo(AtlasTypes.COLUMN);
    assertThat(progress).hasSize(1 + batches.size());
    assertThat(progress.get(0)).startsWith("types: " + AtlasTypes.names().size() + " created");

    atlas.requests.clear();
    AtlasExport.Summary second = export("s3cret").run(HubCatalog.batches());

    assertThat(second.typesCreated()).isZero();
    assertThat(second.typesUpdated()).isZero();
    assertThat(second.entitiesCreated()).isZero();
    assertThat(second.entitiesUpdated()).isZero();
    assertThat(second.entitiesSent()).isEqualTo(sent);
    assertThat(atlas.entities).hasSize(sent);
    assertThat(atlas.requests).noneMatch(r -> r.endsWith("/types/typedefs"));
  }

  @Test
  void aChangedRowCountUpdatesOnlyThatTable() {
    export("s3cret").run(HubCatalog.batches());
    List<AtlasBatch> again = HubCatalog.batches();
    AtlasBatch person = again.stream().filter(b -> b.name().equals("table-gold.person")).findFirst().orElseThrow();
    ((ObjectNode) person.entities().get("entities").get(0).get("attributes")).put("rowCount", 123_456L);

    AtlasExport.Summary summary = export("s3cret").run(again);

    assertThat(summary.entitiesCreated()).isZero();
    assertThat(summary.entitiesUpdated()).isEqualTo(1);
    assertThat(atlas.entities.get("gold.person@cdhub").attributes().get("rowCount")).isEqualTo(123_456);
  }

  @Test
  void aTypeWhoseAttributesDifferOnTheServerIsUpdatedTheOthersLeftAlone() {
    export("s3cret").run(List.of());
    ObjectNode old = atlas.types.get(AtlasTypes.TABLE).deepCopy();
    ArrayNode attributes = (ArrayNode) old.get("attributeDefs");
    attributes.remove(attributes.size() - 1);
    atlas.types.put(AtlasTypes.TABLE, old);
    atlas.requests.clear();

    AtlasExport.Summary summary = export("s3cret").run(List.of());

    assertThat(summary.typesCreated()).isZero();
    assertThat(summary.typesUpdated()).isEqualTo(1);
    assertThat(atlas.requests).containsOnlyOnce("PUT /types/typedefs").doesNotContain("POST /types/typedefs");
    assertThat(atlas.types.get(AtlasTypes.TABLE)).isEqualTo(AtlasTypes.typesDef().get("entityDefs").get(0));
  }

  @Test
  void unavailableAnswersAreRetriedAndCounted() {
    atlas.failNext.addAll(List.of(503, 503));

    AtlasExport.Summary summary = export("s3cret").run(HubCatalog.batches().subList(0, 2));

    assertThat(summary.retries()).isEqualTo(2);
    assertThat(summary.typesCreated()).isEqualTo(AtlasTypes.names().size());
    assertThat(atlas.requests.subList(0, 3)).containsExactly("GET /types/typedef/name/DataSet", "GET /types/typedef/name/DataSet",
        "GET /types/typedef/name/DataSet");
  }

  @Test
  void aServerThatStaysUnavailableFailsAfterTheLastAttempt() {
    atlas.failNext.addAll(List.of(503, 503, 503, 503, 503));

    assertThatThrownBy(() -> export("s3cret").run(List.of()))
        .isInstanceOf(AtlasException.class)
        .hasMessageContaining("did not answer read type DataSet after 4 attempts: HTTP 503");
  }

  @Test
  void wrongCredentialsFailAtOnceNamingTheUser() {
    assertThatThrownBy(() -> export("wrong").run(HubCatalog.batches()))
        .isInstanceOf(AtlasException.class)
        .hasMessageContaining("refused user 'admin' (HTTP 401)")
        .hasMessageNotContaining("wrong");
    assertThat(atlas.requests).hasSize(1);
  }

  @Test
  void aBatchAtlasRejectsFailsWithAtlasOwnMessageAndTheBatchName() {
    List<AtlasBatch> batches = HubCatalog.batches();
    AtlasBatch person = batches.stream().filter(b -> b.name().equals("table-gold.person")).findFirst().orElseThrow();
    ((ObjectNode) person.entities().get("entities").get(1).get("attributes")).remove("dataType");

    assertThatThrownBy(() -> export("s3cret").run(batches))
        .isInstanceOf(AtlasException.class)
        .hasMessageContaining("upsert entities of batch table-gold.person (HTTP 400")
        .hasMessageContaining("hub_lakehouse_column.dataType: mandatory attribute value missing");
  }

  @Test
  void processesBeforeTheirTablesAreRefusedAsAtlasDoes() {
    List<AtlasBatch> batches = HubCatalog.batches();
    AtlasBatch lineage = batches.get(batches.size() - 1);

    assertThat(lineage.name()).isEqualTo("lineage");
    assertThatThrownBy(() -> export("s3cret").run(List.of(lineage)))
        .hasMessageContaining("HTTP 404").hasMessageContaining("is not found");
    assertThat(atlas.entities.keySet()).noneMatch(qn -> qn.startsWith("flow:"));
    assertThat(Map.copyOf(atlas.entities)).isEmpty();
  }
}
