package org.cdhub.citygen.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.cdhub.citygen.CityGenerator;
import org.cdhub.citygen.CityGeneratorConfig;
import org.cdhub.citygen.GeneratedCity;
import org.cdhub.citygen.ProgressListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vendor API stand-in serving a small generated city, read back as a pull client would. */
class VendorApiServerTest {
  private static final String TOKEN = "test-token-123";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dir;
  static GeneratedCity city;
  static VendorApiServer api;

  @BeforeAll
  static void generateAndServe() {
    city = new CityGenerator(new CityGeneratorConfig(7, 800, dir.resolve("sources"))).generate(ProgressListener.NONE);
    api = VendorApiServer.start(city.outputDir(), TOKEN);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void followingNextFromTheFirstPageYieldsEveryRecordTheGeneratorWrote() throws Exception {
    for (String feed : new String[] {"mr_enterprise", "vendor_device"}) {
      String first = feed.equals("mr_enterprise") ? "market/mr_enterprise/page-0001.json" : "vendors/device/page-0001.json";
      URI url = api.baseUrl().resolve(first);
      long items = 0;
      int pages = 0;
      Set<URI> seen = new HashSet<>();
      while (url != null) {
        assertThat(seen.add(url)).as("next links do not loop").isTrue();
        HttpResponse<String> r = get(url, "Bearer " + TOKEN);
        assertThat(r.statusCode()).as(url.toString()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode page = JSON.readTree(r.body());
        pages++;
        assertThat(page.get("page").asInt()).isEqualTo(pages);
        items += page.get("items").size();
        url = page.get("next").isNull() ? null : url.resolve(page.get("next").asText());
      }
      assertThat(items).as(feed).isEqualTo(city.feeds().get(feed).records()).isPositive();
    }
  }

  @Test
  void refusesAMissingOrWrongToken() throws Exception {
    URI first = api.baseUrl().resolve("market/mr_enterprise/page-0001.json");
    HttpResponse<String> none = get(first, null);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"vendor-api\"");
    assertThat(get(first, "Bearer wrong-token").statusCode()).isEqualTo(401);
    assertThat(get(first, "Bearer " + TOKEN + "x").statusCode()).isEqualTo(401);
    assertThat(get(first, "Basic " + TOKEN).statusCode()).isEqualTo(401);
    assertThat(none.body()).doesNotContain(TOKEN);
  }

  @Test
  void servesNothingButPages() throws Exception {
    Files.writeString(dir.resolve("secret.json"), "{\"secret\":true}");
    for (String path : new String[] {"manifest.json", "truth/persons.csv", "departments/hr.db", "market/mr_enterprise/../../manifest.json",
        "market/mr_enterprise/%2e%2e/%2e%2e/manifest.json", "market/../../secret.json", "market/mr_enterprise/page-9999.json",
        "market/mr_enterprise/page-0001.json%00.txt"}) {
      HttpResponse<String> r = get(URI.create(api.baseUrl() + path), "Bearer " + TOKEN);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(r.body()).as(path).doesNotContain("secret").doesNotContain("pripid");
    }
    HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(api.baseUrl().resolve("market/mr_enterprise/page-0001.json"))
        .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
  }

  @Test
  void servesWhatIsOnDiskNowAndFreesItsPortOnClose() throws Exception {
    Path pages = dir.resolve("live/market/x_feed");
    Files.createDirectories(pages);
    Files.writeString(pages.resolve("page-0001.json"), "{\"page\":1,\"next\":null,\"items\":[]}");
    VendorApiServer own = VendorApiServer.start(dir.resolve("live"), TOKEN);
    int port = own.port();
    URI first = own.baseUrl().resolve("market/x_feed/page-0001.json");
    assertThat(get(first, "Bearer " + TOKEN).body()).contains("\"items\":[]");
    Files.writeString(pages.resolve("page-0001.json"), "{\"page\":1,\"next\":null,\"items\":[{\"id\":\"A\"}]}");
    assertThat(get(first, "Bearer " + TOKEN).body()).contains("\"id\":\"A\"");
    assertThat(own.pagesServed()).isEqualTo(2);

    own.close();

    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
  }

  @Test
  void needsAToken() {
    assertThatThrownBy(() -> VendorApiServer.start(dir, " ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VendorApiServer.start(dir, "two words")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VendorApiServer.start(dir.resolve("missing"), TOKEN)).hasMessageContaining("no such directory");
  }

  private static HttpResponse<String> get(URI url, String authorization) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(url).GET();
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
