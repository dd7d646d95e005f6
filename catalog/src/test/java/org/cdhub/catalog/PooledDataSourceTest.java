package org.cdhub.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PooledDataSourceTest {
  @TempDir Path dir;
  private PooledDataSource pool;

  @BeforeEach
  void openPool() throws SQLException {
    CatalogConfig config = CatalogConfig.embedded(dir);
    pool = new PooledDataSource(config.jdbcUrl(), config.redactedUrl(),
        DatabaseVendor.SQLITE.connectionProperties(config), 2);
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE note (text VARCHAR(20))");
    }
  }

  @AfterEach
  void closePool() {
    pool.close();
  }

  @Test
  void reusesAReturnedConnection() throws SQLException {
    Connection first = pool.getConnection();
    Object physical = first.unwrap(Connection.class);
    first.close();

    try (Connection second = pool.getConnection()) {
      assertThat(second.unwrap(Connection.class)).isSameAs(physical);
      assertThat(pool.idleCount()).isZero();
    }
    assertThat(pool.idleCount()).isEqualTo(1);
  }

  @Test
  void rollsBackWhatABorrowerLeftUncommitted() throws SQLException {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.executeUpdate("INSERT INTO note VALUES ('forgotten')");
    }

    try (Connection c = pool.getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM note")) {
      rs.next();
      assertThat(rs.getInt(1)).isZero();
      assertThat(c.getAutoCommit()).isTrue();
    }
  }

  @Test
  void refusesUseOfAConnectionAfterItWasReturned() throws SQLException {
    Connection c = pool.getConnection();
    c.close();
    c.close(); // closing twice is harmless

    assertThat(c.isClosed()).isTrue();
    assertThatThrownBy(c::createStatement)
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("went back to the pool");
    assertThat(pool.idleCount()).isEqualTo(1);
  }

  @Test
  void closesConnectionsThatComeBackAfterThePoolClosed() throws SQLException {
    Connection borrowed = pool.getConnection();
    Connection physical = borrowed.unwrap(Connection.class);
    pool.close();

    borrowed.close();

    assertThat(physical.isClosed()).isTrue();
    assertThat(pool.idleCount()).isZero();
    assertThatThrownBy(pool::getConnection).isInstanceOf(SQLException.class).hasMessageContaining("is closed");
  }
}
