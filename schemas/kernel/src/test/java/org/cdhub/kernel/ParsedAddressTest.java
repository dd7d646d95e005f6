package org.cdhub.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ParsedAddressTest {

  @Test
  void blankPartsBecomeNullAndPartsAreStripped() {
    ParsedAddress address = new ParsedAddress(" ", "", " 长城中路街道 ", null, "3", null, null, "  ");

    assertThat(address.district()).isNull();
    assertThat(address.street()).isNull();
    assertThat(address.community()).isEqualTo("长城中路街道");
    assertThat(address.unparsed()).isNull();
    assertThat(address.standardForm()).isEqualTo("长城中路街道3号楼");
  }

  @Test
  void standardFormAddsMarkersInHierarchyOrder() {
    ParsedAddress address = new ParsedAddress("金凤区", "长城中路街道", "丽景社区", "丽景湾小区", "3", "2", "501", "东门");

    assertThat(address.standardForm()).isEqualTo("金凤区长城中路街道丽景社区丽景湾小区3号楼2单元501室东门");
  }

  @Test
  void emptyHasNoParts() {
    assertThat(ParsedAddress.empty().standardForm()).isEmpty();
    assertThat(ParsedAddress.empty().compound()).isNull();
  }
}
