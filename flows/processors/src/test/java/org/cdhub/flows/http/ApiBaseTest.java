package org.cdhub.flows.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URISyntaxException;
import org.junit.jupiter.api.Test;

class ApiBaseTest {
  @Test
  void aBaseWithoutTrailingSlashIsADirectoryPagesResolveBelow() throws Exception {
    ApiBase base = ApiBase.parse(" https://api.vendor.example/v1 ");
    assertThat(base.resolve("market/mr_enterprise/page-0001.json"))
        .isEqualTo(URI.create("https://api.vendor.example/v1/market/mr_enterprise/page-0001.json"));
    assertThat(ApiBase.parse("http://127.0.0.1:18089").resolve("page-0001.json")).isEqualTo(URI.create("http://127.0.0.1:18089/page-0001.json"));
  }

  @Test
  void theOriginIsSchemeHostAndPortWithDefaultPortsMadeExplicit() throws Exception {
    ApiBase base = ApiBase.parse("https://API.vendor.example/v1/");
    assertThat(base.origin()).isEqualTo("https://api.vendor.example:443");
    assertThat(base.holds(URI.create("https://api.vendor.example:443/v1/page-0002.json"))).isTrue();
    assertThat(base.holds(URI.create("http://api.vendor.example/v1/page-0002.json"))).as("downgrade to http").isFalse();
    assertThat(base.holds(URI.create("https://api.vendor.example:8443/page.json"))).as("another port").isFalse();
    assertThat(base.holds(URI.create("https://api.vendor.example.attacker.example/page.json"))).isFalse();
    // a protocol-relative or absolute next link resolves off the API
    URI page = base.resolve("page-0001.json");
    assertThat(base.holds(page.resolve("//attacker.example/p.json"))).isFalse();
    assertThat(base.holds(page.resolve("https://user@attacker.example/p.json"))).isFalse();
    assertThat(base.holds(page.resolve("../../other/page-0002.json"))).as("another path on the same host is the same API").isTrue();
  }

  @Test
  void onlyHttpAndHttpsUrlsWithAHostAreBases() {
    for (String bad : new String[] {"ftp://127.0.0.1/", "file:///etc/passwd", "http:///nohost", "javascript:alert(1)", "api/v1"}) {
      assertThatThrownBy(() -> ApiBase.parse(bad)).as(bad).isInstanceOf(URISyntaxException.class);
    }
  }
}
