package org.cdhub.flows.landing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RawRecordTest {

  @Test
  void canonicalFormSortsKeysAndEscapesControlCharacters() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("b", "x\"y\\z\n\u0001");
    fields.put("a", null);
    fields.put("c", "家😀");
    assertThat(RawRecord.of(fields).canonicalJson()).isEqualTo("{\"a\":null,\"b\":\"x\\\"y\\\\z\\n\\u0001\",\"c\":\"家😀\"}");
  }

  @Test
  void payloadHashDoesNotDependOnFieldOrder() {
    Map<String, String> one = new LinkedHashMap<>();
    one.put("rkbh", "P1");
    one.put("xm", "张三");
    Map<String, String> other = new LinkedHashMap<>();
    other.put("xm", "张三");
    other.put("rkbh", "P1");
    assertThat(RawRecord.of(one).payloadHash()).isEqualTo(RawRecord.of(other).payloadHash()).hasSize(64);
    other.put("xm", "张三 ");
    assertThat(RawRecord.of(one).payloadHash()).isNotEqualTo(RawRecord.of(other).payloadHash());
  }

  @Test
  void toStringShowsFieldNamesOnly() {
    assertThat(RawRecord.of(Map.of("sfzh", "640104199001011234")).toString()).isEqualTo("RawRecord[sfzh]").doesNotContain("6401");
  }
}
