package org.cdhub.jobs.standardize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.cdhub.model.contract.FieldSpec;
import org.cdhub.model.contract.SourceContract;
import org.cdhub.model.contract.SourceContracts;
import org.cdhub.model.entity.EntityType;
import org.cdhub.model.entity.SilverEvent;
import org.cdhub.model.entity.SilverOrganization;
import org.cdhub.model.entity.SilverPerson;
import org.cdhub.model.entity.SilverPlace;
import org.cdhub.model.entity.SilverThing;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.junit.jupiter.api.Test;

class EntityStandardizersTest {
  /** The contracts directory of the repository, from the spark-jobs module directory tests run in. */
  private static final Path CONTRACTS = Path.of("..", "schemas", "contracts");

  @Test
  void buildsAStandardizerForEveryContractInTheRepository() {
    Map<String, SourceContract> contracts = SourceContracts.loadDirectory(CONTRACTS);
    assertThat(contracts).hasSizeGreaterThanOrEqualTo(15);
    Map<EntityType, Class<?>> silverType = Map.of(
        EntityType.PERSON, SilverPerson.class,
        EntityType.ORGANIZATION, SilverOrganization.class,
        EntityType.PLACE, SilverPlace.class,
        EntityType.THING, SilverThing.class,
        EntityType.EVENT, SilverEvent.class);

    for (SourceContract contract : contracts.values()) {
      RecordStandardizer<? extends Record> standardizer = EntityStandardizers.create(FeedMapping.of(contract), TestPlaces.city());

      // a row with every field empty: required fields quarantine it, and nothing throws
      Map<String, String> raw = new HashMap<>();
      for (FieldSpec f : contract.fields()) {
        raw.put(f.name(), null);
      }
      StandardizeOutcome<? extends Record> outcome =
          standardizer.standardize(new BronzeRecord(contract.feed(), "r1", "b1", Instant.EPOCH, raw), Instant.EPOCH);
      boolean anyRequired = contract.fields().stream().anyMatch(FieldSpec::required);
      if (anyRequired) {
        assertThat(outcome).as(contract.feed()).isInstanceOf(StandardizeOutcome.Quarantined.class);
      } else {
        assertThat(outcome).as(contract.feed()).isInstanceOf(StandardizeOutcome.Standardized.class);
        assertThat(((StandardizeOutcome.Standardized<? extends Record>) outcome).record())
            .isInstanceOf(silverType.get(contract.entity()));
      }
      assertThat(EntityStandardizers.silverTable(contract.entity()).rowType()).as(contract.feed())
          .isEqualTo(silverType.get(contract.entity()));
    }
  }

  @Test
  void coversEveryEntityOfTheRepositorysContracts() {
    assertThat(SourceContracts.loadDirectory(CONTRACTS).values()).extracting(SourceContract::entity)
        .containsAll(java.util.EnumSet.allOf(EntityType.class));
  }

  @Test
  void namesTheSilverTableOfEachEntity() {
    assertThat(EntityStandardizers.silverTable(EntityType.PERSON)).isEqualTo(LakehouseTable.SILVER_PERSON);
    assertThat(EntityStandardizers.silverTable(EntityType.ORGANIZATION)).isEqualTo(LakehouseTable.SILVER_ORGANIZATION);
    assertThat(EntityStandardizers.silverTable(EntityType.PLACE)).isEqualTo(LakehouseTable.SILVER_PLACE);
    assertThat(EntityStandardizers.silverTable(EntityType.THING)).isEqualTo(LakehouseTable.SILVER_THING);
    assertThat(EntityStandardizers.silverTable(EntityType.EVENT)).isEqualTo(LakehouseTable.SILVER_EVENT);
  }

  @Test
  void buildsThePersonStandardizerWithKnownPlaces() {
    RecordStandardizer<? extends Record> s =
        EntityStandardizers.create(FeedMapping.of(SourceContracts.loadBundled("hr_household")), TestPlaces.city());
    Map<String, String> raw = new HashMap<>();
    raw.put("rkbh", "R1");
    raw.put("xm", "张三");
    raw.put("sfzh", org.cdhub.jobs.TestPeople.idNumber("640106", "19800101", 123));
    raw.put("hjdz", "金凤区长城中路街道丽景社区丽景湾小区3号楼2单元501室");
    raw.put("jwh_dm", TestPlaces.LIJING);

    StandardizeOutcome<? extends Record> outcome = s.standardize(new BronzeRecord("hr_household", "R1", "b1", Instant.EPOCH, raw), Instant.EPOCH);

    assertThat(outcome).isInstanceOf(StandardizeOutcome.Standardized.class);
    SilverPerson p = (SilverPerson) ((StandardizeOutcome.Standardized<? extends Record>) outcome).record();
    assertThat(p.placeMatch()).isEqualTo(org.cdhub.model.entity.PlaceMatch.HOUSE);
    assertThat(p.placeCode()).isEqualTo("FW0001");
  }
}
