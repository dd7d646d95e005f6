package org.cdhub.flows.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.cdhub.citygen.live.EmbeddedBroker;
import org.cdhub.citygen.live.JsonlPublisher;
import org.cdhub.citygen.live.SubscriberSession;
import org.cdhub.flows.landing.LakehouseCatalogs;
import org.cdhub.flows.mqtt.MqttMessageRecord;
import org.cdhub.model.lakehouse.LakehouseConfig;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tier 3 (end to end) for the MQTT flows: the packaged runner runs flows/definitions/vendor_iot_alarm.json,
 * its ConsumeMQTT replaced by the runner's stand-in (nifi-mqtt-nar is not on Maven Central), against
 * a real broker: the city generator's in-JVM Moquette broker, and Mosquitto at 127.0.0.1:1883 when
 * one runs there. Messages are published as the vendor would, from a generated-style jsonl file.
 */
class MqttIngestIT {
  private static final String FEED = "vendor_iot_alarm";
  private static final int VALID = 24;
  private static final String MOSQUITTO = "tcp://127.0.0.1:1883";

  /** Shared by the tests so the NARs unpack once. */
  @TempDir static Path work;
  @TempDir Path dir;

  @Test
  void landsAlarmsFromTheEmbeddedBrokerOnceThoughTheRunDiedBeforeAcknowledging() throws Exception {
    try (EmbeddedBroker broker = EmbeddedBroker.start(0)) {
      landsOnceAcrossACrash(broker.uri());
    }
  }

  @Test
  void landsAlarmsFromMosquittoOnceThoughTheRunDiedBeforeAcknowledging() throws Exception {
    Assumptions.assumeTrue(reachable("127.0.0.1", 1883), "Mosquitto is not reachable at 127.0.0.1:1883: skipping the run "
        + "against it (the embedded-broker test covers the same path)");
    landsOnceAcrossACrash(MOSQUITTO);
  }

  private void landsOnceAcrossACrash(String broker) throws Exception {
    String estate = "IT" + UUID.randomUUID().toString().substring(0, 8); // this run's own topics on a shared broker
    try {
      landsOnceAcrossACrash(broker, estate);
    } finally {
      SubscriberSession.discard(broker, clientId(estate)); // a shared broker keeps no session of ours
    }
  }

  private static String clientId(String estate) {
    return "it-" + estate;
  }

  private void landsOnceAcrossACrash(String broker, String estate) throws Exception {
    String clientId = clientId(estate);
    String filter = "xywl/" + estate + "/+/+/alarm";
    LakehouseConfig lakehouse = LakehouseConfig.embedded(dir.resolve("lake"));
    SubscriberSession.open(broker, clientId, filter, 1); // the flow's resumed session exists before the vendor publishes

    Path jsonl = dir.resolve("mqtt_alarm.jsonl");
    StringBuilder lines = new StringBuilder();
    for (int i = 1; i <= VALID; i++) {
      lines.append("{\"topic\":\"xywl/").append(estate).append("/SMOKE/SD").append(i).append("/alarm\",\"payload\":{\"msgId\":\"")
          .append(estate).append("-").append(i).append("\",\"devSn\":\"SD").append(i)
          .append("\",\"devType\":\"SMOKE\",\"alarmType\":\"SMOKE_ALARM\",\"alarmLevel\":3,\"status\":\"ALARM\",\"value\":2.5,")
          .append("\"ts\":17645472").append(String.format("%05d", i)).append(",\"estateName\":\"丽景湾\",\"location\":\"3-2-50").append(i % 10)
          .append("\"}}\n");
    }
    Files.writeString(jsonl, lines, StandardCharsets.UTF_8);
    assertThat(new JsonlPublisher(broker, 1).publish(jsonl)).isEqualTo(VALID);
    String badTopic = "xywl/" + estate + "/GAS/GD9/alarm";
    publishRaw(broker, badTopic, ("{\"msgId\":\"" + estate + "-bad\",\"devSn\":").getBytes(StandardCharsets.UTF_8)); // truncated

    // run 1 lands its first batch, then dies before acknowledging it to the broker
    Run crashed = run(broker, clientId, filter, lakehouse, true);
    assertThat(crashed.exitCode()).as(crashed.stderr()).isEqualTo(FlowRunner.HALT_EXIT_CODE);
    assertThat(crashed.stderr()).contains("STAND-IN subscriber", "halting before acknowledging");
    int landedBeforeCrash = rows(lakehouse, LakehouseTable.bronze(FEED)).size();
    int quarantinedBeforeCrash = rows(lakehouse, LakehouseTable.QUARANTINE.identifier()).size();
    assertThat(landedBeforeCrash).as("the first batch landed before the crash").isPositive();

    // run 2: the broker redelivers that batch (it was never acknowledged) and the rest; nothing lands twice
    Run second = run(broker, clientId, filter, lakehouse, false);
    assertThat(second.exitCode()).as(second.stderr()).isZero();
    assertThat(second.stderr()).contains("redelivered message(s) had landed before the last run could acknowledge them")
        .doesNotContain("not redelivered");
    List<Record> bronze = rows(lakehouse, LakehouseTable.bronze(FEED));
    assertThat(bronze).extracting(r -> (String) r.getField("msgId")).doesNotHaveDuplicates().hasSize(VALID)
        .allMatch(id -> id.startsWith(estate + "-"));
    assertThat(bronze).extracting(r -> (String) r.getField("topic")).allMatch(t -> t.matches("xywl/" + estate + "/SMOKE/SD\\d+/alarm"));
    assertThat(bronze).filteredOn(r -> (estate + "-7").equals(r.getField("msgId"))).singleElement()
        .satisfies(r -> assertThat(r.getField("ts")).isEqualTo("1764547200007"))
        .satisfies(r -> assertThat(r.getField("alarmLevel")).isEqualTo("3"));
    List<Record> quarantine = rows(lakehouse, LakehouseTable.QUARANTINE.identifier());
    assertThat(quarantine).singleElement().satisfies(q -> {
      assertThat(q.getField("rule")).isEqualTo(MqttMessageRecord.RULE_JSON);
      assertThat((String) q.getField("reason")).contains("topic " + badTopic, "ends early (truncated)");
    });
    // run 2 counts only what it landed itself: the redelivered batch was acknowledged, not read again
    assertThat(second.ingestLine()).matches("INGEST feed=" + FEED + " read=" + (VALID + 1 - landedBeforeCrash - quarantinedBeforeCrash)
        + " landed=" + (VALID - landedBeforeCrash) + " quarantined=" + (1 - quarantinedBeforeCrash) + " batches=\\d+ duration_ms=\\d+");

    // run 3: nothing new on the broker
    Run third = run(broker, clientId, filter, lakehouse, false);
    assertThat(third.ingestLine()).as(third.stderr()).matches("INGEST feed=" + FEED + " read=0 landed=0 quarantined=0 batches=0 duration_ms=\\d+");
    assertThat(rows(lakehouse, LakehouseTable.bronze(FEED))).hasSize(VALID);
  }

  @Test
  void anUnreachableBrokerFailsTheRunNamingIt() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    Run run = run("tcp://127.0.0.1:" + port, "it-unreachable", "xywl/none/+/+/alarm", LakehouseConfig.embedded(dir.resolve("lake")), false);
    assertThat(run.exitCode()).as(run.stderr()).isEqualTo(1);
    assertThat(run.stdout()).doesNotContain("INGEST");
    assertThat(run.stderr()).contains("feed " + FEED + ") failed");
  }

  private static void publishRaw(String broker, String topic, byte[] payload) throws Exception {
    MqttClient client = new MqttClient(broker, "it-vendor-" + UUID.randomUUID(), new MemoryPersistence());
    client.connect();
    MqttMessage message = new MqttMessage(payload);
    message.setQos(1);
    client.publish(topic, message);
    client.disconnect();
    client.close();
  }

  private static boolean reachable(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private record Run(int exitCode, String stdout, String stderr) {
    String ingestLine() {
      List<String> lines = stdout.lines().toList();
      assertThat(lines).as("stdout (stderr: %s)", stderr).hasSize(1);
      return lines.get(0);
    }
  }

  private Run run(String broker, String clientId, String filter, LakehouseConfig lakehouse, boolean haltBeforeAck)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    if (haltBeforeAck) {
      cmd.add("-D" + FlowRunner.HALT_BEFORE_ACK_PROPERTY + "=true");
    }
    cmd.addAll(lakehouse.asSystemPropertyArgs());
    cmd.add("-jar");
    cmd.add(System.getProperty("hub.flows.runner.jar"));
    cmd.addAll(List.of("--flow", Path.of(System.getProperty("hub.flows.definitions"), FEED + ".json").toString()));
    cmd.addAll(List.of("--work-dir", work.toString(), "--listen-idle-ms", "1500"));
    cmd.addAll(List.of("--param", "mqtt.broker.uri=" + broker, "--param", "mqtt.client.id=" + clientId,
        "--param", "mqtt.topic.filter=" + filter));
    Path out = dir.resolve("runner.out");
    Path err = dir.resolve("runner.err");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("runner did not finish in 180 s: " + Files.readString(err, StandardCharsets.UTF_8));
    }
    Run run = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    System.out.println("runner on " + broker + " exit " + run.exitCode() + ":\n" + run.stdout() + run.stderr()); // kept in failsafe's -output.txt
    return run;
  }

  private static List<Record> rows(LakehouseConfig lakehouse, TableIdentifier table) throws IOException {
    try (JdbcCatalog catalog = LakehouseCatalogs.open(lakehouse, null, null)) {
      if (!catalog.tableExists(table)) {
        return List.of();
      }
      List<Record> rows = new ArrayList<>();
      try (CloseableIterable<Record> it = IcebergGenerics.read(catalog.loadTable(table)).build()) {
        it.forEach(r -> rows.add(r.copy()));
      }
      return rows;
    }
  }
}
