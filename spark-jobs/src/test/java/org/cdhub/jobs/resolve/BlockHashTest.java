package org.cdhub.jobs.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.functions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The block hash worked out on the driver and in the executors' flatMaps must equal Spark's
 * xxhash64 of the key: gold.person_block tables written by earlier runs hold that.
 */
class BlockHashTest {
  @ParameterizedTest
  @ValueSource(strings = {"I|11010519491231002X", "N|zhang san|1980-01-01", "Y|张三|1980", "H|阳光花园|3|2|1201", "P|13800000001", ""})
  void equalsSparksXxhash64OfTheKey(String key) {
    Object spark = functions.xxhash64(functions.lit(key)).expr().eval(null);

    assertThat(PersonMatching.blockHash(key)).isEqualTo(spark);
  }

  @ParameterizedTest
  @ValueSource(strings = {"P|13800000001", "N|li si|1990-02-03"})
  void differsForKeysOneCharacterApart(String key) {
    List<Long> hashes = List.of(PersonMatching.blockHash(key), PersonMatching.blockHash(key + "0"),
        PersonMatching.blockHash(key.substring(1)));

    assertThat(hashes).doesNotHaveDuplicates();
  }
}
