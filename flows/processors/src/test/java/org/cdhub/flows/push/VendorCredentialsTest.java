package org.cdhub.flows.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class VendorCredentialsTest {
  private static final String HAISHI_SECRET = "s3cret-haishi-9f2c";
  private static final String GATEKEEPER_SECRET = "gk/7Qw+x:with-colon";
  private static final VendorCredentials CREDENTIALS = VendorCredentials.parse(
      "haishi=" + VendorCredentials.digestOf(HAISHI_SECRET) + ",\n gatekeeper=" + VendorCredentials.digestOf(GATEKEEPER_SECRET));

  static String basic(String user, String secret) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void digestIsSha256OfTheSecret() {
    // FIPS 180-2 test vector: SHA-256("abc")
    assertThat(VendorCredentials.digestOf("abc"))
        .isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void eachVendorIsAcceptedWithItsOwnSecretOnly() {
    assertThat(CREDENTIALS.authenticate(basic("haishi", HAISHI_SECRET)).vendor()).contains("haishi");
    assertThat(CREDENTIALS.authenticate(basic("gatekeeper", GATEKEEPER_SECRET)).vendor()).contains("gatekeeper");
    assertThat(CREDENTIALS.authenticate(basic("gatekeeper", HAISHI_SECRET)).outcome()).isEqualTo(VendorCredentials.Outcome.REFUSED);
    assertThat(CREDENTIALS.authenticate(basic("haishi", HAISHI_SECRET + " ")).outcome()).isEqualTo(VendorCredentials.Outcome.REFUSED);
    assertThat(CREDENTIALS.authenticate(basic("HAISHI", HAISHI_SECRET)).outcome()).isEqualTo(VendorCredentials.Outcome.REFUSED);
    assertThat(CREDENTIALS.authenticate(basic("nobody", HAISHI_SECRET)).outcome()).isEqualTo(VendorCredentials.Outcome.REFUSED);
  }

  @Test
  void theSchemeIsCaseInsensitiveButMustBeBasic() {
    assertThat(CREDENTIALS.authenticate("basic " + basic("haishi", HAISHI_SECRET).substring(6)).accepted()).isTrue();
    assertThat(CREDENTIALS.authenticate("Bearer " + HAISHI_SECRET).outcome()).isEqualTo(VendorCredentials.Outcome.MALFORMED);
  }

  @Test
  void missingAndMalformedHeadersAreRefused() {
    assertThat(CREDENTIALS.authenticate(null).outcome()).isEqualTo(VendorCredentials.Outcome.MISSING);
    assertThat(CREDENTIALS.authenticate("  ").outcome()).isEqualTo(VendorCredentials.Outcome.MISSING);
    assertThat(CREDENTIALS.authenticate("Basic !!!not-base64").outcome()).isEqualTo(VendorCredentials.Outcome.MALFORMED);
    assertThat(CREDENTIALS.authenticate("Basic " + Base64.getEncoder().encodeToString("haishi".getBytes(StandardCharsets.UTF_8))).outcome())
        .as("no colon").isEqualTo(VendorCredentials.Outcome.MALFORMED);
    assertThat(CREDENTIALS.authenticate(basic("haishi", "")).outcome()).as("empty secret").isEqualTo(VendorCredentials.Outcome.MALFORMED);
    assertThat(CREDENTIALS.authenticate("Basic " + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xC3, 0x28, ':', 'x'})).outcome())
        .as("not UTF-8").isEqualTo(VendorCredentials.Outcome.MALFORMED);
    assertThat(CREDENTIALS.authenticate(basic("haishi", "x".repeat(5000))).outcome()).as("oversize").isEqualTo(VendorCredentials.Outcome.MALFORMED);
  }

  @Test
  void badConfigurationNamesTheEntryButNeverEchoesIt() {
    assertThatThrownBy(() -> VendorCredentials.parse("haishi=" + VendorCredentials.digestOf("a") + ",gatekeeper=plaintext-secret"))
        .hasMessageContaining("entry 2").hasMessageNotContaining("plaintext-secret");
    assertThatThrownBy(() -> VendorCredentials.parse("a=" + VendorCredentials.digestOf("x") + " a=" + VendorCredentials.digestOf("y")))
        .hasMessageContaining("repeats vendor a");
    assertThatThrownBy(() -> VendorCredentials.parse(" \n ")).hasMessageContaining("no vendor credentials");
    assertThatThrownBy(() -> VendorCredentials.parse("bad vendor!=" + VendorCredentials.digestOf("x"))).hasMessageContaining("entry");
  }

  @Test
  void toStringShowsVendorIdsOnly() {
    assertThat(CREDENTIALS.toString()).contains("haishi", "gatekeeper")
        .doesNotContain(VendorCredentials.digestOf(HAISHI_SECRET).substring(7, 20));
  }
}
