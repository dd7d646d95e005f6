package org.cdhub.api.returndata;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.cdhub.model.entity.EntityType;
import org.cdhub.model.lakehouse.LakehouseTable;

/**
 * gold.master_alias through the plain Iceberg Java API: reads the person partition at the
 * current snapshot. A hub whose merge runs never absorbed a master may not have the table yet:
 * then no id is an alias.
 */
public final class IcebergMasterAliasRepository implements MasterAliasRepository {
  private static final LakehouseTable TABLE = LakehouseTable.GOLD_MASTER_ALIAS;
  private static final List<String> COLUMNS = List.of("alias_id", "entity_type", "master_id");

  private final Catalog catalog;

  public IcebergMasterAliasRepository(Catalog catalog) {
    this.catalog = requireNonNull(catalog, "catalog is null");
  }

  @Override
  public Map<String, String> survivorsOfPersons(Set<String> masterIds) {
    requireNonNull(masterIds, "masterIds is null");
    if (masterIds.isEmpty()) {
      return Map.of();
    }
    Table table;
    try {
      table = catalog.loadTable(TABLE.identifier());
    } catch (NoSuchTableException e) {
      return Map.of();
    }
    if (table.currentSnapshot() == null) {
      return Map.of();
    }
    String person = EntityType.PERSON.name();
    Map<String, String> survivors = new HashMap<>();
    // one scan of the person partition (a row per absorbed master), ids checked in memory: no filter with thousands of ids
    try (CloseableIterable<Record> rows = IcebergGenerics.read(table).select(COLUMNS)
        .where(Expressions.equal("entity_type", person)).build()) {
      for (Record row : rows) {
        String aliasId = (String) row.getField("alias_id");
        if (person.equals(row.getField("entity_type")) && masterIds.contains(aliasId)) {
          survivors.put(aliasId, (String) row.getField("master_id"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + TABLE.qualifiedName() + " for person aliases", e);
    }
    return survivors;
  }
}
