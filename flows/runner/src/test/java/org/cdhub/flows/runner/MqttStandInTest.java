package org.cdhub.flows.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.nifi.flow.ConnectableComponentType;
import org.apache.nifi.flow.VersionedConnection;
import org.apache.nifi.flow.VersionedExternalFlow;
import org.apache.nifi.flow.VersionedPort;
import org.apache.nifi.flow.VersionedProcessGroup;
import org.apache.nifi.registry.flow.RegisteredFlowSnapshot;
import org.apache.nifi.stateless.config.ParameterContextDefinition;
import org.apache.nifi.stateless.config.ParameterValueProviderDefinition;
import org.apache.nifi.stateless.config.ReportingTaskDefinition;
import org.apache.nifi.stateless.flow.DataflowDefinition;
import org.apache.nifi.stateless.flow.TransactionThresholds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MqttStandInTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path emptyNarDir;

  @Test
  void replacesConsumeMqttWithAnInputPortFeedingOnlyItsMessageConnection() throws Exception {
    DataflowDefinition definition = definition("vendor_iot_alarm");
    VersionedProcessGroup group = definition.getVersionedExternalFlow().getFlowContents();
    String consumerId = group.getProcessors().stream().filter(p -> p.getType().equals(MqttStandIn.CONSUME_MQTT)).findFirst()
        .orElseThrow().getIdentifier();
    int connections = group.getConnections().size();

    MqttSettings settings = MqttStandIn.replaceConsumer(definition, Map.of("mqtt.broker.uri", "tcp://127.0.0.1:1883"), emptyNarDir)
        .orElseThrow();

    assertThat(group.getProcessors()).noneMatch(p -> p.getType().equals(MqttStandIn.CONSUME_MQTT));
    assertThat(group.getInputPorts()).extracting(VersionedPort::getName, VersionedPort::getIdentifier)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(MqttStandIn.INPUT_PORT, consumerId));
    List<VersionedConnection> fromPort = group.getConnections().stream().filter(c -> c.getSource().getId().equals(consumerId)).toList();
    assertThat(fromPort).singleElement().satisfies(c -> {
      assertThat(c.getSource().getType()).isEqualTo(ConnectableComponentType.INPUT_PORT);
      assertThat(c.getDestination().getName()).isEqualTo("Decode messages with the contract");
    });
    assertThat(group.getConnections()).as("parse.failure's connection dropped").hasSize(connections - 1);
    assertThat(definition.getInputPortNames()).containsExactly(MqttStandIn.INPUT_PORT);

    // ConsumeMQTT's settings, parameters resolved: the flow's defaults and the runner's --param values
    assertThat(settings.brokerUris()).isEqualTo("tcp://127.0.0.1:1883");
    assertThat(settings.topicFilter()).isEqualTo("xywl/+/+/+/alarm");
    assertThat(settings.qos()).isEqualTo(1);
    assertThat(settings.clientId()).isEqualTo("cdhub-vendor_iot_alarm");
    assertThat(settings.cleanSession()).as("Session state false = resume").isFalse();
    assertThat(settings.username()).isNull();
    assertThat(settings.maxQueueSize()).isEqualTo(10_000);
  }

  @Test
  void leavesTheFlowAloneWhenTheMqttNarIsInstalled() throws Exception {
    Path nars = Files.createDirectories(emptyNarDir.resolve("nars"));
    try (var jar = new java.util.jar.JarOutputStream(Files.newOutputStream(nars.resolve("nifi-mqtt-nar-2.3.0.nar")), manifest())) {
      jar.flush();
    }
    DataflowDefinition definition = definition("vendor_iot_alarm");
    assertThat(MqttStandIn.replaceConsumer(definition, Map.of("mqtt.broker.uri", "tcp://h:1883"), nars)).isEmpty();
    assertThat(definition.getVersionedExternalFlow().getFlowContents().getProcessors())
        .anyMatch(p -> p.getType().equals(MqttStandIn.CONSUME_MQTT));
  }

  @Test
  void refusesWhatThePahoStandInCannotDoAndAMissingBroker() throws Exception {
    assertThatThrownBy(() -> MqttStandIn.replaceConsumer(definition("vendor_meter_reading"), Map.of(), emptyNarDir))
        .hasMessageContaining("needs a Broker URI (missing a --param?)");
    assertThatThrownBy(() -> MqttStandIn.replaceConsumer(definition("vendor_meter_reading"),
        Map.of("mqtt.broker.uri", "ssl://broker:8883"), emptyNarDir)).hasMessageContaining("plain tcp:// only, not ssl://");
  }

  @Test
  void settingsNeverPrintThePassword() {
    MqttSettings s = new MqttSettings("tcp://a:1883,tcp://b:1883", "xywl/#", 1, "c", false, "g", "hub", "s3cret-pw", 30, 60, 100);
    assertThat(s.toString()).contains("user hub", "$share/g/xywl/#").doesNotContain("s3cret-pw");
    assertThat(s.uris()).containsExactly("tcp://a:1883", "tcp://b:1883");
  }

  @Test
  void resolvesParameterReferencesInsideAValue() {
    assertThat(MqttStandIn.resolve("tcp://#{host}:#{port}", Map.of("host", "h", "port", "1883"))).isEqualTo("tcp://h:1883");
    assertThat(MqttStandIn.resolve("#{unset}", Map.of())).isNull();
  }

  @Test
  void theJournalSurvivesARestartAndForgetsAcknowledgedKeys(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("state/flow.mqtt-landed");
    LandedMessageJournal journal = LandedMessageJournal.open(file);
    journal.addAll(List.of("k1", "k2", "k3"));
    LandedMessageJournal reopened = LandedMessageJournal.open(file);
    assertThat(reopened.contains("k2")).isTrue();
    assertThat(reopened.size()).isEqualTo(3);
    reopened.removeAll(List.of("k1", "k2", "k3"));
    assertThat(file).doesNotExist();
    assertThat(LandedMessageJournal.open(file).size()).isZero();
  }

  @Test
  void aDeliveryKeyCoversTopicAndPayloadAndItsAttributesAreConsumeMqttsOwn() {
    MqttDelivery a = new MqttDelivery("t/1", "{}".getBytes(), 1, true, false, 7);
    assertThat(a.key()).isEqualTo(new MqttDelivery("t/1", "{}".getBytes(), 1, false, false, 9).key())
        .isNotEqualTo(new MqttDelivery("t/2", "{}".getBytes(), 1, true, false, 7).key())
        .isNotEqualTo(new MqttDelivery("t/1", "{ }".getBytes(), 1, true, false, 7).key());
    assertThat(a.attributes("tcp://b:1883")).containsExactlyInAnyOrderEntriesOf(Map.of("mqtt.broker", "tcp://b:1883",
        "mqtt.topic", "t/1", "mqtt.qos", "1", "mqtt.isDuplicate", "true", "mqtt.isRetained", "false"));
  }

  private static java.util.jar.Manifest manifest() {
    java.util.jar.Manifest m = new java.util.jar.Manifest();
    m.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().putValue("Nar-Id", MqttStandIn.MQTT_NAR_ID);
    return m;
  }

  /** The flow definition as the engine's parser hands it over (what the stand-in rewrites). */
  private static DataflowDefinition definition(String feed) throws Exception {
    RegisteredFlowSnapshot snapshot = JSON.readValue(Path.of(System.getProperty("hub.flows.definitions"), feed + ".json").toFile(),
        RegisteredFlowSnapshot.class);
    VersionedExternalFlow flow = new VersionedExternalFlow();
    flow.setFlowContents(snapshot.getFlowContents());
    flow.setParameterContexts(snapshot.getParameterContexts());
    return new DataflowDefinition() {
      @Override public VersionedExternalFlow getVersionedExternalFlow() { return flow; }
      @Override public String getFlowName() { return feed; }
      @Override public Set<String> getFailurePortNames() { return Set.of(); }
      @Override public Set<String> getInputPortNames() {
        return flow.getFlowContents().getInputPorts().stream().map(VersionedPort::getName).collect(Collectors.toSet());
      }
      @Override public Set<String> getOutputPortNames() { return Set.of(); }
      @Override public List<ParameterContextDefinition> getParameterContexts() { return List.of(); }
      @Override public List<ReportingTaskDefinition> getReportingTaskDefinitions() { return List.of(); }
      @Override public List<ParameterValueProviderDefinition> getParameterValueProviderDefinitions() { return List.of(); }
      @Override public TransactionThresholds getTransactionThresholds() { return null; }
    };
  }
}
