package org.cdhub.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeldBackRecordsTest {
  @TempDir
  Path dir;

  @Test
  void splitsRecordsOutsideQuotesOnly() {
    List<String> records = HeldBackRecords.records("a,b\r\n1,\"x\ny\"\r\n2,z\r\n");

    assertThat(records).containsExactly("a,b\r\n", "1,\"x\ny\"\r\n", "2,z\r\n");
  }

  @Test
  void holdsBackTheLastRecordsAndDeliversThemWithTheHeaderInANewerFile() throws Exception {
    Path file = dir.resolve("export.csv");
    Files.writeString(file, "id,name\n1,a\n2,\"b,c\"\n3,d\n", StandardCharsets.UTF_8);

    HeldBackRecords held = HeldBackRecords.holdBack(file, 2);

    assertThat(held.size()).isEqualTo(2);
    assertThat(Files.readString(file)).isEqualTo("id,name\n1,a\n");
    var firstDelivery = Files.getLastModifiedTime(file);
    held.deliver();
    assertThat(Files.readString(file)).isEqualTo("id,name\n2,\"b,c\"\n3,d\n");
    assertThat(Files.getLastModifiedTime(file)).isGreaterThan(firstDelivery);
  }

  @Test
  void refusesToHoldBackEveryRecord() throws Exception {
    Path file = dir.resolve("export.csv");
    Files.writeString(file, "id\n1\n2\n", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> HeldBackRecords.holdBack(file, 2)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Cannot hold back 2 records").hasMessageContaining("it has 2");
  }
}
