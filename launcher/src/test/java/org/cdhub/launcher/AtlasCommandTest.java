package org.cdhub.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.cdhub.catalog.CatalogConfig;
import org.cdhub.catalog.CatalogDatabase;
import org.cdhub.catalog.registry.DatasetDescriptions;
import org.cdhub.model.contract.SourceContracts;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./hub atlas export} on a published catalog: the dry run's files, usage errors, a refused login. */
class AtlasCommandTest {
  static final Instant NOW = Instant.parse("2026-12-06T00:00:00Z");

  @TempDir Path dataDir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void publish() {
    try (CatalogDatabase catalog = CatalogDatabase.open(CatalogConfig.embedded(dataDir))) {
      catalog.datasets().upsert(DatasetDescriptions.forBronzeFeed(
          SourceContracts.loadDirectory(Path.of("../schemas/contracts")).get("hr_household"), 10, 1L, NOW, NOW));
      catalog.datasets().upsert(DatasetDescriptions.forTable(LakehouseTable.GOLD_PERSON, 9, 2L, NOW, NOW));
    }
  }

  @Test
  void aDryRunWritesTheTypeDefinitionsAndOneFilePerBatchInRequestOrder() throws Exception {
    Path target = dataDir.resolve("atlas");

    assertThat(run("atlas", "export", "--dry-run", target.toString(), "--data-dir", dataDir.toString())).isZero();

    List<String> files;
    try (Stream<Path> listed = Files.list(target)) {
      files = listed.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertThat(files).contains("typedefs.json", "entities-001-table-bronze.hr_household.json", "entities-002-table-gold.person.json");
    assertThat(files.get(files.size() - 2)).endsWith("-lineage.json");
    ObjectMapper json = new ObjectMapper();
    assertThat(json.readTree(target.resolve("typedefs.json").toFile()).get("entityDefs")).isNotEmpty();
    JsonNode person = json.readTree(target.resolve("entities-002-table-gold.person.json").toFile()).get("entities");
    assertThat(person.get(0).get("attributes").get("qualifiedName").asText()).isEqualTo("gold.person@cdhub");
    assertThat(person.get(0).get("attributes").get("rowCount").asLong()).isEqualTo(9);
    assertThat(out.toString()).contains("2 datasets").contains("dry run: wrote typedefs.json and " + (files.size() - 1));
  }

  @Test
  void withoutADryRunTheServerAndCredentialsAreRequired() {
    assertThat(run("atlas", "export", "--url", "http://127.0.0.1:1", "--data-dir", dataDir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("needs --url, --user and --password-file");

    assertThat(run("atlas", "export", "--url", "http://127.0.0.1:1", "--user", "admin", "--password-file",
        dataDir.resolve("missing").toString(), "--data-dir", dataDir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("Cannot read --password-file");
  }

  @Test
  void aRefusedLoginFailsNamingTheUserAndNeverThePassword() throws Exception {
    Path password = Files.writeString(dataDir.resolve("atlas.pw"), "not-the-password\n", StandardCharsets.UTF_8);
    List<String> seen = new ArrayList<>();
    HttpServer atlas = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    atlas.createContext("/", exchange -> {
      seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
      byte[] body = "{\"errorCode\":\"ATLAS-401-00-001\",\"errorMessage\":\"Authentication failed\"}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(401, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    atlas.start();
    try {
      assertThat(run("atlas", "export", "--url", "http://127.0.0.1:" + atlas.getAddress().getPort(), "--user", "steward",
          "--password-file", password.toString(), "--data-dir", dataDir.toString())).isEqualTo(1);
    } finally {
      atlas.stop(0);
    }
    assertThat(seen).containsExactly("GET /api/atlas/v2/types/typedef/name/DataSet");
    assertThat(err.toString()).contains("refused user 'steward' (HTTP 401)").doesNotContain("not-the-password");
  }

  private int run(String... args) {
    CommandLine cli = Hub.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }
}
