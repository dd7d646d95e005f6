package org.cdhub.api;

import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.cdhub.api.audit.PersonalDataAudit;
import org.cdhub.api.correction.CorrectionService;
import org.cdhub.api.correction.LakehouseCorrectionProgress;
import org.cdhub.api.catalog.DatasetCatalogService;
import org.cdhub.api.report.CommunityReportService;
import org.cdhub.api.report.ReportTemplates;
import org.cdhub.api.returndata.ChangeFeed;
import org.cdhub.api.returndata.CommunityAccess;
import org.cdhub.api.returndata.CommunityPersonService;
import org.cdhub.api.returndata.GoldPersonRepository;
import org.cdhub.api.returndata.CommunityListService;
import org.cdhub.api.returndata.CommunityPager;
import org.cdhub.api.returndata.CommunityProjection;
import org.cdhub.api.returndata.GoldTableReader;
import org.cdhub.api.returndata.MasterRecordMasking;
import org.cdhub.api.returndata.PlaceProjection;
import org.cdhub.api.returndata.ProjectedTable;
import org.cdhub.api.returndata.IcebergGoldPersonRecords;
import org.cdhub.api.returndata.IcebergGoldPersonRepository;
import org.cdhub.api.returndata.IcebergMasterAliasRepository;
import org.cdhub.api.returndata.MasterAliasRepository;
import org.cdhub.api.returndata.PersonMasking;
import org.cdhub.api.returndata.PersonRecordService;
import org.cdhub.api.returndata.ProjectedGoldPersonRepository;
import org.cdhub.api.returndata.ProjectionRefresher;
import org.cdhub.api.security.ApiClients;
import org.cdhub.api.security.UnmaskGrants;
import org.cdhub.api.trino.TrinoConfig;
import org.cdhub.api.trino.TrinoGoldPersonRepository;
import org.cdhub.api.trino.TrinoLakehouse;
import org.cdhub.catalog.CatalogDatabase;
import org.cdhub.api.lineage.BundledContracts;
import org.cdhub.api.lineage.LineageService;
import org.cdhub.api.queryaudit.QueryEventService;
import org.cdhub.api.queryaudit.TrinoQueryAudit;
import org.cdhub.model.entity.MasterEvent;
import org.cdhub.model.entity.MasterOrganization;
import org.cdhub.model.lakehouse.LakehouseConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.cdhub.api.subscription.SubscriptionAccess;
import org.cdhub.api.subscription.SubscriptionConfig;
import org.cdhub.catalog.subscription.SubscriptionService;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The one place the API's components are built and connected. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ApiConfig.class, StorageConfig.class, ServingConfig.class, TrinoConfig.class,
    SubscriptionConfig.class})
public class ApiWiring {
  private static final Logger LOG = LoggerFactory.getLogger(ApiWiring.class);

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  ApiClients apiClients(ApiConfig config, Clock clock) {
    return ApiClients.from(config, clock);
  }

  /** The catalog's state store; it holds the access audit log. */
  @Bean(destroyMethod = "close")
  CatalogDatabase catalogDatabase(StorageConfig storage) {
    requireDataDir(storage);
    return CatalogDatabase.open(storage.catalogConfig());
  }

  /** The lakehouse's Iceberg JDBC catalog, shared with Spark, NiFi and Trino. */
  @Bean(destroyMethod = "close")
  JdbcCatalog lakehouseCatalog(StorageConfig storage) {
    requireDataDir(storage);
    LakehouseConfig lakehouse = storage.lakehouseConfig();
    JdbcCatalog catalog = new JdbcCatalog();
    // Hadoop's FileIO fails on Java 23+; local warehouses are read without it
    catalog.initialize(lakehouse.catalogName(), lakehouse.icebergCatalogProperties(isLocal(lakehouse.warehouse())));
    return catalog;
  }

  /** gold.person served from memory (hub.serving.source=projection, the default). */
  @Configuration(proxyBeanMethods = false)
  @Conditional(OnProjectionSource.class)
  static class ProjectionServing {
    /** The refresher below swaps in each new snapshot. */
    @Bean
    ProjectedGoldPersonRepository goldPersonRepository(Catalog lakehouseCatalog, Clock clock, ServingConfig serving) {
      return new ProjectedGoldPersonRepository(GoldTableReader.persons(lakehouseCatalog), clock, serving.cursorGrace());
    }
  }

  /** gold.person read through Trino page by page (hub.serving.source=trino). */
  @Configuration(proxyBeanMethods = false)
  @Conditional(OnTrinoSource.class)
  static class TrinoServing {
    @Bean
    GoldPersonRepository goldPersonRepository(ObjectProvider<TrinoLakehouse> trino) {
      return new TrinoGoldPersonRepository(trino.getIfAvailable(() -> {
        throw new IllegalStateException("Cannot serve gold.person from Trino: hub.serving.source=trino needs hub.trino.jdbc-url");
      }));
    }
  }

  /** SQL over the lakehouse through Trino, when hub.trino.jdbc-url is set. */
  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(prefix = "hub.trino", name = "jdbc-url")
  TrinoLakehouse trinoLakehouse(TrinoConfig trino, Clock clock) {
    return new TrinoLakehouse(trino, clock);
  }

  /**
   * gold.place served from memory, whatever serves gold.person: the place list, and the
   * hierarchy the building and grid filters use.
   */
  @Bean
  ProjectedTable<PlaceProjection> goldPlaces(Catalog lakehouseCatalog, Clock clock, ServingConfig serving) {
    return new ProjectedTable<>(GoldTableReader.places(lakehouseCatalog), clock, serving.cursorGrace());
  }

  @Bean
  ProjectedTable<CommunityProjection<MasterOrganization>> goldOrganizations(Catalog lakehouseCatalog, Clock clock,
      ServingConfig serving, ProjectedTable<PlaceProjection> goldPlaces) {
    return new ProjectedTable<>(GoldTableReader.organizations(lakehouseCatalog, goldPlaces), clock, serving.cursorGrace());
  }

  @Bean
  ProjectedTable<CommunityProjection<MasterEvent>> goldEvents(Catalog lakehouseCatalog, Clock clock, ServingConfig serving) {
    return new ProjectedTable<>(GoldTableReader.events(lakehouseCatalog), clock, serving.cursorGrace());
  }

  /** Swaps in each new snapshot of the projected tables (gold.person too when it is served from memory). */
  @Bean(destroyMethod = "close")
  ProjectionRefresher projectionRefresher(ObjectProvider<ProjectedGoldPersonRepository> goldPersonRepository,
      ProjectedTable<PlaceProjection> goldPlaces, ProjectedTable<CommunityProjection<MasterOrganization>> goldOrganizations,
      ProjectedTable<CommunityProjection<MasterEvent>> goldEvents, ServingConfig serving) {
    List<ProjectedTable<?>> tables = new java.util.ArrayList<>();
    goldPersonRepository.ifAvailable(persons -> tables.add(persons.table()));
    tables.addAll(List.of(goldPlaces, goldOrganizations, goldEvents));
    return ProjectionRefresher.start(tables, serving.refreshInterval());
  }

  @Bean
  CommunityPager communityPager(ProjectedTable<PlaceProjection> goldPlaces, CommunityAccess access) {
    return new CommunityPager(goldPlaces, access);
  }

  @Bean
  CommunityListService communityListService(CommunityPager pager,
      ProjectedTable<CommunityProjection<MasterOrganization>> goldOrganizations,
      ProjectedTable<CommunityProjection<MasterEvent>> goldEvents, PersonMasking masking) {
    return new CommunityListService(pager, goldOrganizations, goldEvents, new MasterRecordMasking(masking));
  }

  @Bean
  PersonalDataAudit personalDataAudit(CatalogDatabase catalogDatabase, Clock clock) {
    return new PersonalDataAudit(catalogDatabase.auditLog(), clock);
  }

  /**
   * Lineage from the bundled source contracts. {@code hub.flows-dir} (optional) is the flow
   * definitions' directory; without it every contracted feed is drawn with its flow, as the hub
   * ships one per feed.
   */
  @Bean
  LineageService lineageService(CatalogDatabase catalogDatabase, Catalog lakehouseCatalog,
      PersonalDataAudit audit, @org.springframework.beans.factory.annotation.Value("${hub.flows-dir:#{null}}") java.nio.file.Path flowsDir) {
    java.util.function.Predicate<String> hasFlow = flowsDir == null ? feed -> true
        : feed -> java.nio.file.Files.isRegularFile(flowsDir.resolve(feed + ".json"));
    return LineageService.over(BundledContracts.load().values(), hasFlow, lakehouseCatalog, catalogDatabase.auditLog(), audit);
  }

  @Bean
  DatasetCatalogService datasetCatalogService(CatalogDatabase catalogDatabase) {
    return new DatasetCatalogService(catalogDatabase.datasets(), catalogDatabase.qualityScores());
  }

  @Bean
  PersonMasking personMasking(Clock clock) {
    return new PersonMasking(clock);
  }

  /** The gate of every community read: jurisdiction, grids, unmask grants (read from the catalog database). */
  @Bean
  CommunityAccess communityAccess(PersonMasking masking, PersonalDataAudit audit, CatalogDatabase catalogDatabase,
      Clock clock) {
    return new CommunityAccess(masking, audit, new UnmaskGrants(catalogDatabase.unmaskGrants(), clock));
  }

  @Bean
  PersonRecordService personRecordService(Catalog lakehouseCatalog, CommunityAccess access) {
    return new PersonRecordService(new IcebergGoldPersonRecords(lakehouseCatalog), access);
  }

  @Bean
  CommunityReportService communityReportService(GoldPersonRepository persons, CommunityAccess access, Clock clock) {
    return new CommunityReportService(ReportTemplates.bundled(), persons, access, clock);
  }

  @Bean
  CommunityPersonService communityPersonService(
      GoldPersonRepository persons, PersonMasking masking, CommunityPager pager) {
    return new CommunityPersonService(persons, masking, pager);
  }

  @Bean
  MasterAliasRepository masterAliasRepository(Catalog lakehouseCatalog) {
    return new IcebergMasterAliasRepository(lakehouseCatalog);
  }

  @Bean
  ChangeFeed changeFeed(Catalog lakehouseCatalog, MasterAliasRepository aliases, CommunityAccess access) {
    // compares past snapshots: reads the table, not the roster's projection of the latest one
    return new ChangeFeed(new IcebergGoldPersonRepository(lakehouseCatalog), aliases, access);
  }

  /** Departments' subscriptions; each decision rewrites Trino's access rules when a rules file is configured. */
  @Bean
  SubscriptionAccess subscriptionAccess(CatalogDatabase catalogDatabase, Clock clock,
      ObjectProvider<TrinoLakehouse> trino, SubscriptionConfig config) {
    SubscriptionAccess access = new SubscriptionAccess(new SubscriptionService(catalogDatabase.datasets(),
        catalogDatabase.subscriptions(), catalogDatabase.auditLog(), clock), trino.getIfAvailable(), config.trinoRulesFile());
    access.publish(); // rules as the database holds them, before the first request
    return access;
  }

  /** Ends access when a period ends even if nobody decides anything: expires due grants and rewrites the rules. */
  @Bean(destroyMethod = "shutdownNow")
  ScheduledExecutorService subscriptionExpiry(SubscriptionAccess access, SubscriptionConfig config) {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "subscription-expiry");
      t.setDaemon(true);
      return t;
    });
    long millis = config.expiryCheck().toMillis();
    timer.scheduleWithFixedDelay(() -> {
      try {
        access.expireDue();
      } catch (RuntimeException e) {
        LOG.warn("Cannot expire subscriptions: {}", e.getMessage());
      }
    }, millis, millis, TimeUnit.MILLISECONDS);
    return timer;
  }

  /**
   * Direct reads on Trino, reported by Trino's HTTP event listener, into the access audit. Always
   * built; its endpoint refuses every event until {@code hub.trino.event-token} is set.
   */
  @Bean
  QueryEventService queryEventService(CatalogDatabase catalogDatabase, TrinoConfig trino, Clock clock) {
    return new QueryEventService(new TrinoQueryAudit(trino.catalog(), trino.user()), catalogDatabase.subscriptions(),
        catalogDatabase.datasets(), catalogDatabase.auditLog(), clock);
  }

  /** Corrections sent by communities, stored in the catalog database; their status read from the lakehouse. */
  @Bean
  CorrectionService correctionService(CatalogDatabase catalogDatabase, Catalog lakehouseCatalog, CommunityAccess access,
      PersonalDataAudit audit, Clock clock) {
    IcebergGoldPersonRecords persons = new IcebergGoldPersonRecords(lakehouseCatalog);
    return new CorrectionService(catalogDatabase.corrections(), persons,
        new LakehouseCorrectionProgress(lakehouseCatalog, persons), access, audit, clock);
  }

  /** One line when the API is ready: where it listens, for people and for the launcher's log. */
  @Bean
  ApplicationListener<ApplicationReadyEvent> readyAnnouncement(
      ApiConfig api, StorageConfig storage, ApiClients clients) {
    return event -> {
      int port = event.getApplicationContext() instanceof WebServerApplicationContext web
          ? web.getWebServer().getPort() : -1;
      String demo = api.hasDemoClient()
          ? "; demo client '" + api.demoClientId() + "' reads " + api.demoCommunities() : "";
      LOG.info("Community Data Hub API ready at http://localhost:{}/api/v1 in {} ms ({} clients{}; lakehouse {}; data dir {})",
          port, event.getTimeTaken() == null ? "?" : event.getTimeTaken().toMillis(), clients.size(), demo,
          storage.lakehouseConfig().catalogUri().replaceAll("(?i)(password=)[^&;]*", "$1***"),
          storage.dataDir());
    };
  }

  /** Matches when hub.serving.source, bound as {@link ServingConfig} binds it (a bad value fails here), is one source. */
  abstract static class OnServingSource implements Condition {
    private final ServingConfig.Source source;

    OnServingSource(ServingConfig.Source source) {
      this.source = source;
    }

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return Binder.get(context.getEnvironment()).bind("hub.serving.source", ServingConfig.Source.class)
          .orElse(ServingConfig.Source.PROJECTION) == source;
    }
  }

  static final class OnProjectionSource extends OnServingSource {
    OnProjectionSource() {
      super(ServingConfig.Source.PROJECTION);
    }
  }

  static final class OnTrinoSource extends OnServingSource {
    OnTrinoSource() {
      super(ServingConfig.Source.TRINO);
    }
  }

  private static boolean isLocal(String warehouse) {
    return warehouse.startsWith("file:") || !warehouse.contains("://");
  }

  private static void requireDataDir(StorageConfig storage) {
    if (!Files.isDirectory(storage.dataDir())) {
      throw new IllegalStateException("Cannot start the API: hub.data-dir " + storage.dataDir()
          + " is not a directory (run ./hub demo or ./hub generate first, or pass --hub.data-dir=<dir>)");
    }
  }
}
