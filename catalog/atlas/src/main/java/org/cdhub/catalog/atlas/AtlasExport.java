package org.cdhub.catalog.atlas;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Exports to one Atlas server: first the type definitions (creates the missing ones, updates
 * those whose attributes differ, leaves equal ones alone), then the entity batches in order.
 * Running it twice changes nothing the second time: entities are matched on qualifiedName.
 */
public final class AtlasExport {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What one export did.
   *
   * @param typesCreated type definitions Atlas did not have
   * @param typesUpdated type definitions Atlas had with other attributes
   * @param entitiesCreated entities Atlas reported as created
   * @param entitiesUpdated entities Atlas reported as updated
   * @param entitiesSent entities in the requests
   * @param retries requests repeated after 502/503/504 or a connection failure
   */
  public record Summary(int typesCreated, int typesUpdated, int entitiesCreated, int entitiesUpdated, int entitiesSent,
      int retries) {
    public String line() {
      return String.format(Locale.ROOT, "types_created=%d types_updated=%d entities_created=%d entities_updated=%d entities_sent=%d retries=%d",
          typesCreated, typesUpdated, entitiesCreated, entitiesUpdated, entitiesSent, retries);
    }
  }

  private final AtlasClient atlas;
  private final Consumer<String> progress;

  public AtlasExport(AtlasClient atlas, Consumer<String> progress) {
    this.atlas = requireNonNull(atlas, "atlas is null");
    this.progress = requireNonNull(progress, "progress is null");
  }

  public Summary run(List<AtlasBatch> batches) {
    requireNonNull(batches, "batches is null");
    for (String builtIn : AtlasTypes.BUILT_IN_SUPERTYPES) {
      if (atlas.typeDef(builtIn).isEmpty()) {
        throw new AtlasException("Atlas has no built-in type " + builtIn + ": the hub's types extend it (Atlas 1.0 or later)");
      }
    }
    ObjectNode ours = AtlasTypes.typesDef();
    ObjectNode create = emptyTypesDef();
    ObjectNode update = emptyTypesDef();
    List<String> created = new ArrayList<>();
    List<String> updated = new ArrayList<>();
    for (String kind : List.of("entityDefs", "relationshipDefs")) {
      for (JsonNode def : ours.get(kind)) {
        String name = def.get("name").asText();
        var onServer = atlas.typeDef(name);
        if (onServer.isEmpty()) {
          ((ArrayNode) create.get(kind)).add(def);
          created.add(name);
        } else if (AtlasTypes.differs(def, onServer.get())) {
          ((ArrayNode) update.get(kind)).add(def);
          updated.add(name);
        }
      }
    }
    if (!created.isEmpty()) {
      atlas.createTypes(create, String.join(", ", created));
    }
    if (!updated.isEmpty()) {
      atlas.updateTypes(update, String.join(", ", updated));
    }
    progress.accept(String.format(Locale.ROOT, "types: %d created%s, %d updated%s, %d unchanged", created.size(),
        created.isEmpty() ? "" : " (" + String.join(", ", created) + ")", updated.size(),
        updated.isEmpty() ? "" : " (" + String.join(", ", updated) + ")",
        AtlasTypes.names().size() - created.size() - updated.size()));

    int entitiesCreated = 0;
    int entitiesUpdated = 0;
    int sent = 0;
    int i = 0;
    for (AtlasBatch batch : batches) {
      JsonNode response = atlas.upsertEntities(batch);
      int c = response.path("mutatedEntities").path("CREATE").size();
      int u = response.path("mutatedEntities").path("UPDATE").size();
      entitiesCreated += c;
      entitiesUpdated += u;
      sent += batch.count();
      progress.accept(String.format(Locale.ROOT, "[%d/%d] %-40s %4d entities: %d created, %d updated", ++i, batches.size(),
          batch.name(), batch.count(), c, u));
    }
    return new Summary(created.size(), updated.size(), entitiesCreated, entitiesUpdated, sent, atlas.retries());
  }

  private static ObjectNode emptyTypesDef() {
    ObjectNode def = JSON.createObjectNode();
    def.putArray("enumDefs");
    def.putArray("structDefs");
    def.putArray("classificationDefs");
    def.putArray("entityDefs");
    def.putArray("relationshipDefs");
    def.putArray("businessMetadataDefs");
    return def;
  }
}
