package org.cdhub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cdhub.api.returndata.GoldPersonFixture;
import org.cdhub.api.returndata.GoldPersonRepository;
import org.cdhub.api.returndata.ProjectedGoldPersonRepository;
import org.cdhub.api.returndata.ProjectionRefresher;
import org.cdhub.api.returndata.TestPersons;
import org.cdhub.api.trino.TrinoLakehouse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code hub.serving.source} picks where rosters come from: the whole API started for each
 * choice. (Trino itself is in {@code TrinoLakehouseIT}; here it is down or not configured.)
 */
class ServingSourceTest {
  static final String NORTH = "640106001001";
  static final String KEY = "demo-key-serving-source-0001";

  @TempDir static Path dataDir;

  @BeforeAll
  static void publishGoldPersons() {
    try (GoldPersonFixture lakehouse = GoldPersonFixture.create(dataDir)) {
      lakehouse.append(TestPersons.of(NORTH, 1, 3, 7));
    }
  }

  @Test
  void servesTheInMemoryProjectionByDefaultWithoutTrino() {
    try (ConfigurableApplicationContext api = start()) {
      assertThat(api.getBean(GoldPersonRepository.class)).isInstanceOf(ProjectedGoldPersonRepository.class);
      assertThat(api.getBeansOfType(ProjectionRefresher.class)).hasSize(1);
      assertThat(api.getBeansOfType(TrinoLakehouse.class)).isEmpty();
    }
  }

  @Test
  void answers503QueryEngineUnavailableWhenTrinoIsDown() throws Exception {
    try (ConfigurableApplicationContext api = start("--hub.serving.source=trino",
        "--hub.trino.jdbc-url=jdbc:trino://127.0.0.1:" + closedPort())) {
      // gold.person is not held in memory; the places, organizations and events lists still are
      assertThat(api.getBeansOfType(ProjectedGoldPersonRepository.class)).isEmpty();

      HttpResponse<String> response = get(api, "/api/v1/communities/" + NORTH + "/persons?limit=5");

      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(response.body()).contains("\"code\":\"queryEngine.unavailable\"").contains("does not answer");
    }
  }

  @Test
  void refusesToStartOnTrinoWithoutItsUrl() {
    assertThatThrownBy(() -> start("--hub.serving.source=trino").close())
        .hasStackTraceContaining("Cannot serve gold.person from Trino: hub.serving.source=trino needs hub.trino.jdbc-url");
  }

  @Test
  void refusesToStartOnAnUnknownSource() {
    assertThatThrownBy(() -> start("--hub.serving.source=tirno").close())
        .hasStackTraceContaining("hub.serving.source");
  }

  private static ConfigurableApplicationContext start(String... more) {
    List<String> args = new ArrayList<>(List.of("--server.port=0", "--hub.data-dir=" + dataDir,
        "--hub.api.demo-key=" + KEY, "--hub.api.demo-communities=" + NORTH));
    args.addAll(List.of(more));
    return new SpringApplicationBuilder(HubApiApplication.class).run(args.toArray(String[]::new));
  }

  private static HttpResponse<String> get(ConfigurableApplicationContext api, String path) throws Exception {
    int port = ((WebServerApplicationContext) api).getWebServer().getPort();
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("X-API-Key", KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
