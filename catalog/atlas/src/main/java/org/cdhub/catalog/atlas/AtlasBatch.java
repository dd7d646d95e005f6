package org.cdhub.catalog.atlas;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One request body for Atlas's {@code POST /api/atlas/v2/entity/bulk}: the JSON of an
 * {@code AtlasEntitiesWithExtInfo}. Entities inside one batch refer to each other by negative
 * temporary guids; to entities of earlier batches by their unique attribute {@code qualifiedName}.
 *
 * @param name short name for progress lines and dry-run files ({@code table-gold.person}, {@code lineage})
 * @param entities the request body
 * @param count how many entities it holds
 */
public record AtlasBatch(String name, ObjectNode entities, int count) {
  public AtlasBatch {
    requireNonNull(name, "name is null");
    requireNonNull(entities, "entities is null");
  }
}
