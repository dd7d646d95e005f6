package org.cdhub.model.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileIOTest {

  @Test
  void writesReadsAndDeletesThroughFileUrisAsSparkSpellsThem(@TempDir Path dir) throws Exception {
    LocalFileIO io = new LocalFileIO();
    String location = "file:" + dir.resolve("a/b/data.bin");

    try (OutputStream out = io.newOutputFile(location).create()) {
      out.write("银川".getBytes(StandardCharsets.UTF_8));
    }
    try (InputStream in = io.newInputFile("file://" + dir.resolve("a/b/data.bin")).newStream()) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("银川");
    }
    assertThat(io.newInputFile(dir.resolve("a/b/data.bin").toString()).exists()).isTrue();

    // the location stays as given, so table metadata names file:/... as Spark's does (Trino refuses a bare path)
    assertThat(io.newOutputFile(location).location()).isEqualTo(location);
    assertThat(io.newOutputFile(location).toInputFile().location()).isEqualTo(location);
    assertThat(io.newInputFile(location).location()).isEqualTo(location);
    assertThat(io.newInputFile(location).getLength()).isEqualTo("银川".getBytes(StandardCharsets.UTF_8).length);

    io.deleteFile(location);
    assertThat(Files.exists(dir.resolve("a/b/data.bin"))).isFalse();
  }
}
