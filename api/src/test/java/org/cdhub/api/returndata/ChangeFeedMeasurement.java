package org.cdhub.api.returndata;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cdhub.api.HubApiApplication;
import org.cdhub.api.audit.PersonalDataAudit;
import org.cdhub.api.security.ApiClient;
import org.cdhub.catalog.CatalogConfig;
import org.cdhub.catalog.CatalogDatabase;
import org.cdhub.model.entity.MasterPerson;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.boot.web.context.WebServerApplicationContext;

/**
 * Manual measurement of the target "a 10,000-change feed in under 1 s"; not a test.
 * Builds gold.person with 12,000 persons in one community (and 2,000 in another), then one
 * merge-on-read commit with 10,000 changes there: 6,000 updates, 1,500 deletes, 500 merges
 * (alias rows in gold.master_alias) and 2,000 inserts. Times fetching the whole feed from the
 * cursor before the commit, page after page (limit 1000), through the service with a cold diff
 * (a new ChangeFeed each round) and through HTTP on loopback. Run:
 *
 * <pre>
 * ./hub mvn -o -q -pl api test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp api/target/test-classes:api/target/classes:$(cat api/target/cp.txt) org.cdhub.api.returndata.ChangeFeedMeasurement
 * </pre>
 */
public final class ChangeFeedMeasurement {
  static final org.cdhub.api.audit.AuditedQuery QUERY =
      org.cdhub.api.audit.AuditedQuery.of("GET", "/api/v1/communities/640106001001/changes", "limit=100");
  static final String COMMUNITY = "640106001001";
  static final String OTHER = "640106001002";
  static final int BASE = 12_000;
  static final int ROUNDS = 5;
  static final int LIMIT = 1000;
  static final String KEY = "measurement-key-0123456789";

  private ChangeFeedMeasurement() {}

  public static void main(String[] args) throws Exception {
    Path dataDir = Files.createTempDirectory("change-feed-measurement");
    String since;
    long setupStart = System.nanoTime();
    try (GoldPersonFixture lakehouse = GoldPersonFixture.create(dataDir)) {
      List<MasterPerson> base = TestPersons.of(COMMUNITY, 1, BASE, 1);
      List<MasterPerson> all = new ArrayList<>(base);
      all.addAll(TestPersons.of(OTHER, 1, 2_000, 2));
      long from = lakehouse.append(all);
      since = ChangeCursor.at(COMMUNITY, from).encode();
      base.sort((a, b) -> a.masterId().compareTo(b.masterId()));
      List<MasterPerson> replaced = new ArrayList<>();
      List<MasterPerson> written = new ArrayList<>();
      for (int i = 0; i < 6_000; i++) { // updates: a new phone
        MasterPerson p = base.get(i);
        replaced.add(p);
        written.add(withPhone(p, String.format("138%08d", i)));
      }
      replaced.addAll(base.subList(6_000, 8_000)); // 1,500 deletes and 500 absorbed masters
      written.addAll(TestPersons.of(COMMUNITY, 100_001, 2_000, 3)); // inserts
      lakehouse.replace(replaced, written);
      Map<String, String> merged = new HashMap<>();
      for (int i = 7_500; i < 8_000; i++) { // absorbed by updated masters, so they stay in the community
        merged.put(base.get(i).masterId(), base.get(i - 7_500).masterId());
      }
      lakehouse.addPersonAliases(merged, "run-bench", Instant.parse("2026-12-06T08:00:00Z"));
    }
    System.out.printf("setup: %.1f s (%d persons, one commit with 10,000 changes in %s)%n",
        (System.nanoTime() - setupStart) / 1e9, BASE + 2_000, COMMUNITY);

    ApiClient client = new ApiClient("measurement", "benchmark", Set.of(COMMUNITY));
    Clock clock = Clock.systemUTC();
    double[] service = new double[ROUNDS];
    double[] serviceCpu = new double[ROUNDS];
    // the box is shared: CPU time says what the feed costs whatever else runs, wall time what a caller waits
    com.sun.management.OperatingSystemMXBean cpu =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try (var catalog = GoldPersonFixture.open(dataDir);
        CatalogDatabase catalogDb = CatalogDatabase.open(CatalogConfig.embedded(dataDir))) {
      IcebergGoldPersonRepository repository = new IcebergGoldPersonRepository(catalog);
      long to = repository.currentSnapshotId().getAsLong();
      long fromId = ChangeCursor.decode(since).fromSnapshotId();
      for (int round = 0; round < 3; round++) {
        long t0 = System.nanoTime();
        List<MasterPerson> before = repository.findAllByCommunity(COMMUNITY, fromId);
        long t1 = System.nanoTime();
        List<MasterPerson> after = repository.findAllByCommunity(COMMUNITY, to);
        long t2 = System.nanoTime();
        CommunityDiff diff = CommunityDiff.between(COMMUNITY, fromId, to, before, after,
            new IcebergMasterAliasRepository(catalog)::survivorsOfPersons);
        long t3 = System.nanoTime();
        System.out.printf("diff phases (repository, no cache): read from %d ms, read to %d ms, compare+aliases %d ms (%d changes)%n",
            (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, diff.size());
      }
      for (int round = 0; round < ROUNDS; round++) {
        ChangeFeed feed = new ChangeFeed(new IcebergGoldPersonRepository(catalog), new IcebergMasterAliasRepository(catalog),
            new PersonMasking(clock), new PersonalDataAudit(catalogDb.auditLog(), clock));
        long start = System.nanoTime();
        long cpuStart = cpu.getProcessCpuTime();
        int changes = 0;
        int pages = 0;
        String cursor = since;
        ChangeFeedPage page;
        do {
          page = feed.read(client, QUERY, COMMUNITY, cursor, LIMIT);
          changes += page.changes().size();
          pages++;
          cursor = page.nextCursor();
        } while (page.hasMore());
        service[round] = (System.nanoTime() - start) / 1e6;
        serviceCpu[round] = (cpu.getProcessCpuTime() - cpuStart) / 1e6;
        System.out.printf("service round %d: %d changes in %d pages, %.0f ms wall, %.0f ms process CPU, load %.1f%n",
            round + 1, changes, pages, service[round], serviceCpu[round], cpu.getSystemLoadAverage());
      }
    }

    double[] http = new double[ROUNDS];
    ConfigurableApplicationContext app = SpringApplication.run(HubApiApplication.class,
        "--hub.data-dir=" + dataDir, "--server.port=0", "--hub.api.demo-key=" + KEY,
        "--hub.api.demo-communities=" + COMMUNITY, "--logging.level.root=WARN");
    try {
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      HttpClient httpClient = HttpClient.newHttpClient();
      Pattern next = Pattern.compile("\"nextCursor\":\"([A-Za-z0-9_-]+)\"");
      // first requests warm Spring MVC and Jackson up; neither computes the diff
      for (String path : List.of("/changes", "/persons?limit=500")) {
        httpClient.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/communities/" + COMMUNITY
            + path)).header("X-API-Key", KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
      }
      for (int round = 0; round < ROUNDS; round++) {
        // the server keeps recent diffs: round 1 computes the diff, later rounds page through the kept one
        long start = System.nanoTime();
        int pages = 0;
        long bytes = 0;
        String cursor = since;
        boolean more;
        do {
          HttpResponse<String> response = httpClient.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
              + "/api/v1/communities/" + COMMUNITY + "/changes?limit=" + LIMIT + "&since=" + cursor))
              .header("X-API-Key", KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() != 200) {
            throw new IllegalStateException("Cannot measure: HTTP " + response.statusCode() + " " + response.body());
          }
          bytes += response.body().length();
          pages++;
          Matcher m = next.matcher(response.body());
          cursor = m.find() ? m.group(1) : null;
          more = response.body().contains("\"hasMore\":true");
        } while (more);
        http[round] = (System.nanoTime() - start) / 1e6;
        System.out.printf("http round %d (%s): %d pages, %d kB, %.0f ms%n", round + 1, round == 0 ? "cold diff" : "kept diff",
            pages, bytes / 1024, http[round]);
      }
    } finally {
      app.close();
      delete(dataDir);
    }
    System.out.printf("change feed: 10000 changes, service cold-diff median %.0f ms wall / %.0f ms CPU (first %.0f ms), "
        + "http cold-diff %.0f ms, http kept-diff median %.0f ms%n", median(service), median(serviceCpu), service[0], http[0],
        median(Arrays.copyOfRange(http, 1, ROUNDS)));
  }

  /** Leaves no table behind in the temp directory. */
  private static void delete(Path dir) throws java.io.IOException {
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  private static MasterPerson withPhone(MasterPerson p, String phone) {
    return new MasterPerson(p.masterId(), p.idNumber(), p.otherIdNumber(), p.name(), p.namePinyin(), p.sex(),
        p.birthDate(), phone, p.address(), p.houseId(), p.districtCode(), p.communityCode(), p.gridCode(), p.tags(), p.status(),
        p.provenance(), p.sourceCount(), Instant.parse("2026-12-06T08:00:00Z"));
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
