package org.cdhub.jobs.standardize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.cdhub.model.contract.SourceContract;
import org.cdhub.model.contract.SourceContracts;
import org.cdhub.model.entity.EntityType;
import org.junit.jupiter.api.Test;

class FeedMappingTest {
  private static final String MINI_EVENT = """
      feed: mini_event
      title: mini
      owner_department: test
      entity: event
      sharing: {type: unconditional}
      update_cycle: daily
      trust_rank: 30
      format: {kind: jdbc_table, location: t}
      record_id: [id]
      fields:
        - {name: id, maps_to: source_event_id, format: code, required: true}
        - {name: at, maps_to: occurred_at, format: timestamp, pattern: "yyyy-MM-dd HH:mm:ss"}
      """;

  @Test
  void mapsEachFieldToItsEntitysAttribute() {
    FeedMapping m = FeedMapping.of(SourceContracts.loadBundled("housing_house"));

    assertThat(m.feed()).isEqualTo("housing_house");
    assertThat(m.entity()).isEqualTo(EntityType.PLACE);
    assertThat(m.trustRank()).isEqualTo(85);
    assertThat(m.field(PlaceAttribute.BUILDING).name()).isEqualTo("ldh");
    assertThat(m.field(PlaceAttribute.OWNER_ID_NUMBER).name()).isEqualTo("cqr_zjhm");
    assertThat(m.field(PlaceAttribute.MANAGER_NAME)).isNull();
    assertThat(m.fields()).extracting(FeedMapping.FieldRule::name).startsWith("fwbm", "xqbm", "xqmc");
  }

  @Test
  void acceptsNamePhoneAndIdNumberOfAnEventFeedAsThePersonInvolved() {
    FeedMapping m = FeedMapping.of(SourceContracts.loadBundled("vendor_access_pass"));

    assertThat(m.field(EventAttribute.INVOLVED_NAME).name()).isEqualTo("personName");
    assertThat(m.field(EventAttribute.INVOLVED_ID_NUMBER).name()).isEqualTo("idCardNo");
    assertThat(m.field(EventAttribute.INVOLVED_PHONE).name()).isEqualTo("phone");
  }

  @Test
  void rejectsAnAttributeTheEntityDoesNotHave() {
    SourceContract bad = SourceContracts.parse(MINI_EVENT.replace("maps_to: occurred_at", "maps_to: credit_code"), "bad.yaml");

    assertThatThrownBy(() -> FeedMapping.of(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("feed mini_event")
        .hasMessageContaining("field at maps to 'credit_code', which silver.event does not have");
  }

  @Test
  void rejectsAFormatThatDoesNotFitTheAttribute() {
    SourceContract bad = SourceContracts.parse(MINI_EVENT.replace("format: timestamp", "format: date"), "bad.yaml");

    assertThatThrownBy(() -> FeedMapping.of(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("field at maps to occurred_at but has format date");
  }

  @Test
  void rejectsTwoFieldsMappedToOneAttribute() {
    SourceContract bad = SourceContracts.parse(MINI_EVENT + "  - {name: at2, maps_to: occurred_at, format: integer}\n", "bad.yaml");

    assertThatThrownBy(() -> FeedMapping.of(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two fields map to occurred_at");
  }

  @Test
  void rejectsAnAttributeOfAnotherEntityBuiltByHand() {
    FeedMapping.FieldRule rule = FeedMapping.of(SourceContracts.loadBundled("mr_enterprise")).field(OrganizationAttribute.NAME);

    assertThatThrownBy(() -> new FeedMapping("x", EntityType.PLACE, 50, java.util.List.of(rule)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an attribute of PLACE");
  }

  @Test
  void survivesJavaSerializationForShippingToExecutors() throws Exception {
    FeedMapping m = FeedMapping.of(SourceContracts.loadBundled("grid_incident"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(m);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      FeedMapping copy = (FeedMapping) in.readObject();
      assertThat(copy).isEqualTo(m);
      assertThat(copy.field(EventAttribute.OCCURRED_AT).name()).isEqualTo("sbsj");
    }
  }
}
