package org.cdhub.catalog.registry;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.cdhub.catalog.StoredInstants;
import org.cdhub.model.contract.SharingType;
import org.cdhub.model.contract.UpdateCycle;
import org.cdhub.model.schema.Sensitivity;

/**
 * Datasets in the catalog database (tables {@code dataset} and {@code dataset_field}), with SQL
 * that runs unchanged on SQLite and PostgreSQL. Instants are kept to the millisecond, the
 * precision both databases share here.
 */
public final class JdbcDatasetRepository implements DatasetRepository {
  private static final String COLUMNS = "qualified_name, resource_code, title, provider_department, description,"
      + " layer, data_format, sharing_type, sharing_conditions, legal_basis, open_to_public, update_cycle,"
      + " row_count, snapshot_id, data_updated_at, published_at";

  private static final String UPSERT = "INSERT INTO dataset (" + COLUMNS + ")"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
      + " ON CONFLICT (qualified_name) DO UPDATE SET"
      + " resource_code = excluded.resource_code, title = excluded.title,"
      + " provider_department = excluded.provider_department, description = excluded.description,"
      + " layer = excluded.layer, data_format = excluded.data_format, sharing_type = excluded.sharing_type,"
      + " sharing_conditions = excluded.sharing_conditions, legal_basis = excluded.legal_basis,"
      + " open_to_public = excluded.open_to_public, update_cycle = excluded.update_cycle,"
      + " row_count = excluded.row_count, snapshot_id = excluded.snapshot_id,"
      + " data_updated_at = excluded.data_updated_at, published_at = excluded.published_at";

  private static final String FIELD_COLUMNS = "qualified_name, ordinal, field_name, field_type, description, sensitivity";

  private final DataSource dataSource;

  public JdbcDatasetRepository(DataSource dataSource) {
    this.dataSource = requireNonNull(dataSource, "dataSource is null");
  }

  @Override
  public void upsert(Dataset dataset) {
    requireNonNull(dataset, "dataset is null");
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        requireCodeIsFree(c, dataset);
        try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
          bindDataset(ps, dataset);
          ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM dataset_field WHERE qualified_name = ?")) {
          ps.setString(1, dataset.qualifiedName());
          ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO dataset_field (" + FIELD_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
          int ordinal = 0;
          for (DatasetField field : dataset.fields()) {
            ps.setString(1, dataset.qualifiedName());
            ps.setInt(2, ordinal++);
            ps.setString(3, field.name());
            ps.setString(4, field.type());
            ps.setString(5, field.description());
            ps.setString(6, field.sensitivity().name());
            ps.addBatch();
          }
          if (ordinal > 0) {
            ps.executeBatch();
          }
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        rollback(c, e);
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot register dataset " + dataset.qualifiedName() + " in the catalog: " + e.getMessage(), e);
    }
  }

  // The UNIQUE constraint guards the same thing; this names the dataset that holds the code.
  private static void requireCodeIsFree(Connection c, Dataset dataset) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT qualified_name FROM dataset WHERE resource_code = ? AND qualified_name <> ?")) {
      ps.setString(1, dataset.resourceCode());
      ps.setString(2, dataset.qualifiedName());
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          throw new IllegalArgumentException("Cannot register dataset " + dataset.qualifiedName()
              + ": resource code " + dataset.resourceCode() + " already belongs to " + rs.getString(1));
        }
      }
    }
  }

  private static void bindDataset(PreparedStatement ps, Dataset d) throws SQLException {
    int i = 0;
    ps.setString(++i, d.qualifiedName());
    ps.setString(++i, d.resourceCode());
    ps.setString(++i, d.title());
    ps.setString(++i, d.providerDepartment());
    ps.setString(++i, d.description());
    ps.setString(++i, d.layer());
    ps.setString(++i, d.format());
    ps.setString(++i, d.sharingType().name());
    ps.setString(++i, d.sharingConditions());
    ps.setString(++i, d.legalBasis());
    ps.setBoolean(++i, d.openToPublic());
    ps.setString(++i, d.updateCycle().name());
    ps.setLong(++i, d.rowCount());
    if (d.snapshotId() == null) {
      ps.setNull(++i, Types.BIGINT);
    } else {
      ps.setLong(++i, d.snapshotId());
    }
    StoredInstants.set(ps, ++i, d.dataUpdatedAt());
    StoredInstants.set(ps, ++i, d.publishedAt());
  }

  @Override
  public Optional<Dataset> findByQualifiedName(String qualifiedName) {
    requireNonNull(qualifiedName, "qualifiedName is null");
    List<Dataset> found = query(" WHERE qualified_name = ?", qualifiedName);
    return found.stream().findFirst();
  }

  @Override
  public List<Dataset> findAll() {
    return query("", null);
  }

  private List<Dataset> query(String where, String qualifiedName) {
    try (Connection c = dataSource.getConnection()) {
      Map<String, List<DatasetField>> fields = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT " + FIELD_COLUMNS + " FROM dataset_field"
          + where + " ORDER BY qualified_name, ordinal")) {
        if (qualifiedName != null) {
          ps.setString(1, qualifiedName);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            fields.computeIfAbsent(rs.getString("qualified_name"), k -> new ArrayList<>()).add(new DatasetField(
                rs.getString("field_name"),
                rs.getString("field_type"),
                rs.getString("description"),
                Sensitivity.valueOf(rs.getString("sensitivity"))));
          }
        }
      }
      List<Dataset> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM dataset"
          + where + " ORDER BY qualified_name")) {
        if (qualifiedName != null) {
          ps.setString(1, qualifiedName);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(readDataset(rs, fields));
          }
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read datasets from the catalog"
          + (qualifiedName == null ? "" : " (" + qualifiedName + ")") + ": " + e.getMessage(), e);
    }
  }

  private static Dataset readDataset(ResultSet rs, Map<String, List<DatasetField>> fields) throws SQLException {
    String name = rs.getString("qualified_name");
    long snapshot = rs.getLong("snapshot_id");
    Long snapshotId = rs.wasNull() ? null : snapshot;
    return new Dataset(
        rs.getString("resource_code"),
        name,
        rs.getString("title"),
        rs.getString("provider_department"),
        rs.getString("description"),
        rs.getString("layer"),
        rs.getString("data_format"),
        SharingType.valueOf(rs.getString("sharing_type")),
        rs.getString("sharing_conditions"),
        rs.getString("legal_basis"),
        rs.getBoolean("open_to_public"),
        UpdateCycle.valueOf(rs.getString("update_cycle")),
        fields.getOrDefault(name, List.of()),
        rs.getLong("row_count"),
        snapshotId,
        StoredInstants.get(rs, "data_updated_at"),
        StoredInstants.get(rs, "published_at"));
  }

  private static void rollback(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}
