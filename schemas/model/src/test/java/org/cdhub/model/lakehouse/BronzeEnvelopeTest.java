package org.cdhub.model.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;
import org.cdhub.model.contract.SourceContracts;
import org.junit.jupiter.api.Test;

class BronzeEnvelopeTest {

  @Test
  void bronzeSchemaIsEnvelopeThenRawStringsInContractOrder() {
    Schema schema = BronzeEnvelope.schemaFor(SourceContracts.loadBundled("hr_household"));

    List<String> names = schema.columns().stream().map(Types.NestedField::name).toList();
    assertThat(names.subList(0, 5)).isEqualTo(BronzeEnvelope.COLUMNS);
    assertThat(names.subList(5, 8)).containsExactly("rkbh", "hh_no", "xm");
    assertThat(schema.columns().subList(5, names.size()))
        .allSatisfy(f -> {
          assertThat(f.type()).isEqualTo(Types.StringType.get());
          assertThat(f.isOptional()).isTrue();
        });
  }

  @Test
  void rejectsRawFieldsThatCollideWithTheEnvelope() {
    assertThatThrownBy(() -> BronzeEnvelope.schemaFor(List.of("a", BronzeEnvelope.BATCH_ID)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("_batch_id");
    assertThatThrownBy(() -> BronzeEnvelope.schemaFor(List.of("a", "a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duplicate");
  }
}
