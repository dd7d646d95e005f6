package org.cdhub.api.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import org.cdhub.api.returndata.CommunityPersonService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The adapter's behaviour when Trino is down, and its checks before any query leaves. */
class TrinoLakehouseTest {
  TrinoLakehouse down;
  int port;

  @BeforeEach
  void pointAtAPortNobodyListensOn() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    down = new TrinoLakehouse(TrinoConfig.at("jdbc:trino://127.0.0.1:" + port), Clock.systemUTC());
  }

  @AfterEach
  void close() {
    down.close();
  }

  @Test
  void aTrinoThatDoesNotAnswerIsUnavailableNotAnInternalError() {
    assertThatThrownBy(() -> down.currentSnapshotId(TrinoGoldPersonRepository.TABLE))
        .isInstanceOfSatisfying(TrinoUnavailableException.class, e -> assertThat(e.rule()).isEqualTo("unavailable"))
        .hasMessage("Cannot query gold.person through Trino at jdbc:trino://127.0.0.1:" + port
            + ": it does not answer; try again later");
    assertThatThrownBy(() -> new TrinoGoldPersonRepository(down).findByCommunityAfter("640106001001", 1L, null, 10))
        .isInstanceOf(TrinoUnavailableException.class);
  }

  @Test
  void refusesALimitOverMaxRowsBeforeAskingTrino() {
    assertThatThrownBy(() -> down.select(DatasetQuery.from(TrinoGoldPersonRepository.TABLE).select("master_id").limit(10_001)))
        .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.field() + "." + e.rule()).isEqualTo("limit.max"))
        .hasMessage("Cannot query gold.person: limit must be at most 10000 (hub.trino.max-rows), was 10001");
  }

  @Test
  void namesABareTableInHubTrinoSchema() {
    TrinoConfig silver = new TrinoConfig("jdbc:trino://127.0.0.1:" + port, "u", null, "hub", "silver", Duration.ofSeconds(5), 600, null,
        org.springframework.util.unit.DataSize.ofMegabytes(16));
    try (TrinoLakehouse lakehouse = new TrinoLakehouse(silver, Clock.systemUTC())) {
      assertThat(lakehouse.table("person")).isEqualTo(new TableName("silver", "person"));
      assertThat(lakehouse.table("gold.person")).isEqualTo(new TableName("gold", "person"));
    }
  }

  @Test
  void needsAUrl() {
    TrinoConfig none = new TrinoConfig(null, "u", null, "hub", "gold", Duration.ofSeconds(5), 100, null,
        org.springframework.util.unit.DataSize.ofMegabytes(16));
    assertThatThrownBy(() -> new TrinoLakehouse(none, Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("Cannot query Trino: hub.trino.jdbc-url is not set");
  }

  @Test
  void servingRostersNeedsRoomForTheLargestPagePlusOne() {
    TrinoConfig small = new TrinoConfig("jdbc:trino://127.0.0.1:" + port, "u", null, "hub", "gold", Duration.ofSeconds(5),
        CommunityPersonService.MAX_LIMIT, null, org.springframework.util.unit.DataSize.ofMegabytes(16));
    try (TrinoLakehouse lakehouse = new TrinoLakehouse(small, Clock.systemUTC())) {
      assertThatThrownBy(() -> new TrinoGoldPersonRepository(lakehouse))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("Invalid hub.trino.max-rows: serving gold.person from Trino needs at least 501 rows per query, was 500");
    }
  }

  @Test
  void tellsTrinosErrorsApartByTheirSpiCodes() {
    // numbers printed from io.trino.spi.StandardErrorCode of trino-spi 476
    assertThat(TrinoLakehouse.TrinoError.of(131075, "Query failed (#1): Query exceeded maximum time limit of 1.00s"))
        .isEqualTo(TrinoLakehouse.TrinoError.EXCEEDED_TIME_LIMIT);
    assertThat(TrinoLakehouse.TrinoError.of(47, "Query failed (#1): Column 'x' cannot be resolved"))
        .isEqualTo(TrinoLakehouse.TrinoError.COLUMN_NOT_FOUND);
    assertThat(TrinoLakehouse.TrinoError.of(58, "Query failed (#1): Cannot apply operator"))
        .isEqualTo(TrinoLakehouse.TrinoError.USER_ERROR);
    assertThat(TrinoLakehouse.TrinoError.of(65536, "Query failed (#1): Error processing metadata"))
        .isEqualTo(TrinoLakehouse.TrinoError.OTHER);
    // the driver's own failures carry code 0, which is also GENERIC_USER_ERROR: told apart by the message
    assertThat(TrinoLakehouse.TrinoError.of(0, "Error executing query: boom")).isEqualTo(TrinoLakehouse.TrinoError.OTHER);
  }
}
