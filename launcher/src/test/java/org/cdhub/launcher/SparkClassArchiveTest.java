package org.cdhub.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real JVM records its classes, a real static dump archives them, and the next JVM maps them. */
class SparkClassArchiveTest {
  private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
  private static final String MAIN = ArchivedProgram.class.getName();

  /** The program whose classes go into the archive. */
  public static final class ArchivedProgram {
    public static void main(String[] args) {
      System.out.println("ran " + args.length);
    }
  }

  @TempDir
  Path tmp;

  @Test
  void firstRunRecordsClassesThenTheDumpedArchiveIsMappedByTheNextRun() throws Exception {
    Path jar = programJar();
    SparkClassArchive archive = new SparkClassArchive(JAVA, List.of(jar), tmp.resolve("archives"), true);

    List<String> first = archive.jvmOptions();
    assertThat(first).singleElement().asString().startsWith("-XX:DumpLoadedClassList=");
    assertThat(run(first, jar)).contains("ran 0");
    assertThat(Files.readString(archive.classList())).contains(MAIN.replace('.', '/'));

    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    archive.completeAfterJob(new PrintStream(progress, true, StandardCharsets.UTF_8));
    assertThat(archive.archive()).isRegularFile();
    assertThat(progress.toString(StandardCharsets.UTF_8)).contains("class archive written");

    List<String> second = new ArrayList<>(archive.jvmOptions());
    assertThat(second).anyMatch(o -> o.equals("-XX:SharedArchiveFile=" + archive.archive()));
    // -Xshare:on fails the JVM outright if the archive cannot be mapped for this classpath
    second.add("-Xshare:on");
    second.add("-Xlog:class+load=info");
    assertThat(run(second, jar)).contains(MAIN + " source: shared objects file").contains("ran 0");
  }

  @Test
  void aChangedJarNeedsANewArchiveAndOldOnesAreRemovedWhenItIsWritten() throws Exception {
    Path jar = programJar();
    Path dir = tmp.resolve("archives");
    SparkClassArchive before = new SparkClassArchive(JAVA, List.of(jar), dir, true);
    run(before.jvmOptions(), jar);
    before.completeAfterJob(new PrintStream(OutputStream.nullOutputStream()));
    Path oldArchive = before.archive();

    Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));
    SparkClassArchive after = new SparkClassArchive(JAVA, List.of(jar), dir, true);
    assertThat(after.archive()).isNotEqualTo(oldArchive).doesNotExist();
    assertThat(after.jvmOptions()).singleElement().asString().startsWith("-XX:DumpLoadedClassList=");

    run(after.jvmOptions(), jar);
    after.completeAfterJob(new PrintStream(OutputStream.nullOutputStream()));
    assertThat(after.archive()).isRegularFile();
    assertThat(oldArchive).doesNotExist();
  }

  @Test
  void noClassListMeansNoDumpAndOffMeansNoOptions() throws Exception {
    Path jar = programJar();
    SparkClassArchive archive = new SparkClassArchive(JAVA, List.of(jar), tmp.resolve("archives"), true);
    archive.completeAfterJob(new PrintStream(OutputStream.nullOutputStream()));
    assertThat(archive.archive()).doesNotExist();

    assertThat(new SparkClassArchive(JAVA, List.of(jar), tmp.resolve("off"), false).jvmOptions()).isEmpty();
    assertThat(tmp.resolve("off")).doesNotExist();
  }

  @Test
  void aFailedDumpLeavesJobsStartingNormally() throws Exception {
    Path jar = programJar();
    Path dir = tmp.resolve("archives");
    SparkClassArchive archive = new SparkClassArchive(JAVA, List.of(jar), dir, true);
    archive.jvmOptions();
    // a class list the dump cannot parse
    Files.writeString(archive.classList(), "@not-a-directive !!\n");

    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    archive.completeAfterJob(new PrintStream(progress, true, StandardCharsets.UTF_8));
    assertThat(progress.toString(StandardCharsets.UTF_8)).contains("class archive not written");
    assertThat(archive.archive()).doesNotExist();
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  private Path programJar() throws IOException {
    Path jar = tmp.resolve("program.jar");
    String entry = MAIN.replace('.', '/') + ".class";
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
         InputStream in = ArchivedProgram.class.getClassLoader().getResourceAsStream(entry)) {
      out.putNextEntry(new JarEntry(entry));
      in.transferTo(out);
    }
    return jar;
  }

  private static String run(List<String> options, Path jar) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(JAVA.toString()));
    cmd.addAll(options);
    cmd.addAll(List.of("-cp", jar.toString(), MAIN));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("exit of %s: %s", cmd, out).isZero();
    return out;
  }
}
