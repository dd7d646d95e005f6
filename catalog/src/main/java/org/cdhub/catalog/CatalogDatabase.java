package org.cdhub.catalog;

import static java.util.Objects.requireNonNull;

import javax.sql.DataSource;
import org.cdhub.catalog.audit.AccessAuditLog;
import org.cdhub.catalog.audit.JdbcAccessAuditLog;
import org.cdhub.catalog.correction.CommunityCorrectionRepository;
import org.cdhub.catalog.correction.JdbcCommunityCorrectionRepository;
import org.cdhub.catalog.grant.JdbcUnmaskGrantRepository;
import org.cdhub.catalog.grant.UnmaskGrantRepository;
import org.cdhub.catalog.registry.DatasetRepository;
import org.cdhub.catalog.registry.JdbcDatasetRepository;
import org.cdhub.catalog.registry.JdbcQualityScores;
import org.cdhub.catalog.registry.QualityScores;
import org.cdhub.catalog.subscription.JdbcSubscriptionRepository;
import org.cdhub.catalog.subscription.SubscriptionRepository;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The catalog's state store, opened and migrated: the one place that wires the repositories to
 * a database. Safe to share between threads; open one per process and close it on shutdown.
 *
 * <p>Migrations live under {@code db/catalog/common} (portable DDL, vendor types through the
 * placeholders of {@link DatabaseVendor}) and {@code db/catalog/<vendor>}, with their own
 * history table, so an application that also runs Flyway (Spring Boot does by default, on
 * {@code db/migration}) neither picks them up nor collides with them.
 */
public final class CatalogDatabase implements AutoCloseable {
  /** Flyway's history table for the catalog's migrations. */
  public static final String SCHEMA_HISTORY_TABLE = "catalog_schema_history";
  static final String COMMON_MIGRATIONS = "classpath:db/catalog/common";
  /** Connections kept per process: the API's request threads share them for audit writes. */
  static final int POOL_SIZE = 4;

  private final CatalogConfig config;
  private final PooledDataSource dataSource;
  private final DatasetRepository datasets;
  private final AccessAuditLog auditLog;
  private final UnmaskGrantRepository unmaskGrants;
  private final QualityScores qualityScores;
  private final SubscriptionRepository subscriptions;
  private final CommunityCorrectionRepository corrections;
  private final int migrationsApplied;

  private CatalogDatabase(CatalogConfig config, PooledDataSource dataSource, int migrationsApplied) {
    this.config = config;
    this.dataSource = dataSource;
    this.datasets = new JdbcDatasetRepository(dataSource);
    this.auditLog = new JdbcAccessAuditLog(dataSource, switch (config.vendor()) {
      case SQLITE -> JdbcAccessAuditLog.Dialect.SQLITE;
      case POSTGRESQL -> JdbcAccessAuditLog.Dialect.POSTGRESQL;
    });
    this.unmaskGrants = new JdbcUnmaskGrantRepository(dataSource);
    this.qualityScores = new JdbcQualityScores(dataSource);
    this.subscriptions = new JdbcSubscriptionRepository(dataSource);
    this.corrections = new JdbcCommunityCorrectionRepository(dataSource);
    this.migrationsApplied = migrationsApplied;
  }

  /** Connects, applies pending migrations and returns a ready store. */
  public static CatalogDatabase open(CatalogConfig config) {
    requireNonNull(config, "config is null");
    DatabaseVendor vendor = config.vendor();
    vendor.prepare(config);
    PooledDataSource dataSource = new PooledDataSource(
        config.jdbcUrl(), config.redactedUrl(), vendor.connectionProperties(config), POOL_SIZE);
    try {
      MigrateResult result = Flyway.configure(CatalogDatabase.class.getClassLoader())
          .dataSource(dataSource)
          .locations(COMMON_MIGRATIONS, vendor.migrationLocation())
          .table(SCHEMA_HISTORY_TABLE)
          .placeholders(vendor.placeholders())
          .failOnMissingLocations(true)
          .load()
          .migrate();
      return new CatalogDatabase(config, dataSource, result.migrationsExecuted);
    } catch (RuntimeException e) {
      dataSource.close();
      throw new IllegalStateException(
          "Cannot open catalog database " + config.redactedUrl() + ": " + e.getMessage(), e);
    }
  }

  public CatalogConfig config() {
    return config;
  }

  /** Pooled connections to the catalog database (close each connection to return it). */
  public DataSource dataSource() {
    return dataSource;
  }

  public DatasetRepository datasets() {
    return datasets;
  }

  public AccessAuditLog auditLog() {
    return auditLog;
  }

  /** The latest quality score of each dataset, recorded when it is published. */
  public QualityScores qualityScores() {
    return qualityScores;
  }

  /** Who may see which personal fields unmasked, for what purpose, until when. */
  public UnmaskGrantRepository unmaskGrants() {
    return unmaskGrants;
  }

  /** Departments' dataset subscriptions: requests, decisions, grants. */
  public SubscriptionRepository subscriptions() {
    return subscriptions;
  }

  /** Community workers' corrections of master persons, the source table of the feed community_correction. */
  public CommunityCorrectionRepository corrections() {
    return corrections;
  }

  /** How many migrations this open applied (0 when the schema was already current). */
  public int migrationsApplied() {
    return migrationsApplied;
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
