package org.cdhub.api.returndata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.cdhub.model.entity.MasterPerson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IcebergGoldPersonRepositoryTest {
  static final String NORTH = "640106001001";
  static final String SOUTH = "640106001002";

  @TempDir static Path dataDir;
  static GoldPersonFixture lakehouse;
  static IcebergGoldPersonRepository repository;
  static List<MasterPerson> north;
  static long snapshot;

  @BeforeAll
  static void writeTable() {
    lakehouse = GoldPersonFixture.create(dataDir);
    north = TestPersons.of(NORTH, 1, 12, 7);
    List<MasterPerson> rows = new ArrayList<>(north);
    rows.addAll(TestPersons.of(SOUTH, 1, 5, 8));
    snapshot = lakehouse.append(rows);
    repository = new IcebergGoldPersonRepository(lakehouse.catalog());
  }

  @AfterAll
  static void closeCatalog() {
    lakehouse.close();
  }

  @Test
  void findsOnlyTheCommunitysPersonsInMasterIdOrder() {
    List<MasterPerson> found = repository.findByCommunityAfter(NORTH, snapshot, null, 100);

    assertThat(found).extracting(MasterPerson::communityCode).containsOnly(NORTH);
    assertThat(found).extracting(MasterPerson::masterId)
        .containsExactlyElementsOf(north.stream().map(MasterPerson::masterId).sorted().toList());
  }

  @Test
  void startsAfterTheGivenMasterIdAndStopsAtTheLimit() {
    List<String> sorted = north.stream().map(MasterPerson::masterId).sorted().toList();

    List<MasterPerson> found = repository.findByCommunityAfter(NORTH, snapshot, sorted.get(3), 4);

    assertThat(found).extracting(MasterPerson::masterId).containsExactlyElementsOf(sorted.subList(4, 8));
  }

  @Test
  void readsEveryColumnARosterNeedsAsStored() {
    MasterPerson expected = north.stream().min(Comparator.comparing(MasterPerson::masterId)).orElseThrow();

    MasterPerson found = repository.findByCommunityAfter(NORTH, snapshot, null, 1).get(0);

    assertThat(found).usingRecursiveComparison().ignoringFields("namePinyin", "provenance").isEqualTo(expected);
  }

  @Test
  void reportsTheCurrentSnapshot() {
    assertThat(repository.currentSnapshotId()).hasValue(snapshot);
  }

  @Test
  void refusesASnapshotTheTableDoesNotKeep() {
    assertThatThrownBy(() -> repository.findByCommunityAfter(NORTH, snapshot + 1, null, 5))
        .isInstanceOf(SnapshotExpiredException.class)
        .hasMessageContaining("gold.person")
        .hasMessageContaining(Long.toString(snapshot + 1));
  }

  @Test
  void reportsAMissingTableAsUnavailable(@TempDir Path emptyDataDir) throws Exception {
    try (var catalog = GoldPersonFixture.open(emptyDataDir)) {
      IcebergGoldPersonRepository empty = new IcebergGoldPersonRepository(catalog);

      assertThatThrownBy(empty::currentSnapshotId)
          .isInstanceOf(DatasetUnavailableException.class)
          .hasMessageContaining("gold.person does not exist");
    }
  }
}
