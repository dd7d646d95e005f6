package org.cdhub.flows.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.nifi.flow.ConnectableComponent;
import org.apache.nifi.flow.ConnectableComponentType;
import org.apache.nifi.flow.PortType;
import org.apache.nifi.flow.Position;
import org.apache.nifi.flow.ScheduledState;
import org.apache.nifi.flow.VersionedConnection;
import org.apache.nifi.flow.VersionedParameterContext;
import org.apache.nifi.flow.VersionedPort;
import org.apache.nifi.flow.VersionedProcessGroup;
import org.apache.nifi.flow.VersionedProcessor;
import org.apache.nifi.stateless.flow.DataflowDefinition;

/**
 * The runner's stand-in for NiFi's ConsumeMQTT, used only when its NAR (org.apache.nifi:nifi-mqtt-nar,
 * not on Maven Central) is not in the NAR directory: the parsed flow gets an input port named
 * {@value #INPUT_PORT} in ConsumeMQTT's place (same id, its "Message" connection), and the runner
 * subscribes with ConsumeMQTT's settings and enqueues each message there with the attributes
 * ConsumeMQTT writes. On a NiFi cluster the flow runs with the real ConsumeMQTT.
 */
final class MqttStandIn {
  static final String CONSUME_MQTT = "org.apache.nifi.processors.mqtt.ConsumeMQTT";
  static final String MQTT_NAR_ID = "nifi-mqtt-nar";
  static final String INPUT_PORT = "mqtt-stand-in";
  private static final String MESSAGE_RELATIONSHIP = "Message";
  private static final Pattern PARAMETER_REFERENCE = Pattern.compile("#\\{([^}]+)}");

  private MqttStandIn() {}

  /**
   * Replaces the flow's ConsumeMQTT with the stand-in's input port when its NAR is absent, and
   * returns the settings to subscribe with; empty when the flow has no ConsumeMQTT or its NAR is there.
   */
  static Optional<MqttSettings> replaceConsumer(DataflowDefinition definition, Map<String, String> parameters, Path narDir)
      throws IOException {
    VersionedProcessGroup group = definition.getVersionedExternalFlow().getFlowContents();
    List<VersionedProcessor> consumers = group.getProcessors().stream().filter(p -> CONSUME_MQTT.equals(p.getType())).toList();
    if (consumers.isEmpty() || narPresent(narDir)) {
      return Optional.empty();
    }
    if (consumers.size() > 1) {
      throw new IllegalStateException("the MQTT stand-in takes the place of one ConsumeMQTT per flow, found " + consumers.size());
    }
    VersionedProcessor consumer = consumers.get(0);
    MqttSettings settings = settings(consumer, values(definition, group, parameters));
    VersionedPort port = new VersionedPort();
    port.setIdentifier(consumer.getIdentifier());
    port.setInstanceIdentifier(consumer.getInstanceIdentifier());
    port.setName(INPUT_PORT);
    port.setComments("Stand-in for " + consumer.getName() + " (ConsumeMQTT): the runner enqueues the messages it receives here");
    port.setType(PortType.INPUT_PORT);
    port.setPosition(consumer.getPosition() == null ? new Position(0, 0) : consumer.getPosition());
    port.setGroupIdentifier(consumer.getGroupIdentifier());
    port.setConcurrentlySchedulableTaskCount(1);
    port.setScheduledState(ScheduledState.ENABLED);
    port.setAllowRemoteAccess(false);
    group.getProcessors().remove(consumer);
    group.getInputPorts().add(port);
    // a port sends to every outgoing connection: keep only ConsumeMQTT's Message connection (parse.failure needs a Record Reader, unused here)
    group.getConnections().removeIf(c -> c.getSource().getId().equals(consumer.getIdentifier())
        && !c.getSelectedRelationships().contains(MESSAGE_RELATIONSHIP));
    for (VersionedConnection c : group.getConnections()) {
      if (c.getSource().getId().equals(consumer.getIdentifier())) {
        ConnectableComponent source = c.getSource();
        source.setType(ConnectableComponentType.INPUT_PORT);
        source.setName(INPUT_PORT);
        c.setSelectedRelationships(Set.of());
      }
    }
    return Optional.of(settings);
  }

  /** ConsumeMQTT's properties (names as in NiFi 2.3.0's ConsumeMQTT and AbstractMQTTProcessor) with parameters resolved. */
  static MqttSettings settings(VersionedProcessor consumer, Map<String, String> values) {
    Map<String, String> p = consumer.getProperties();
    String version = resolve(p.get("MQTT Specification Version"), values);
    if ("5".equals(version)) {
      throw new IllegalStateException("the runner's MQTT stand-in speaks MQTT 3.1.1, not 5 (" + consumer.getName() + ")");
    }
    String broker = resolve(p.get("Broker URI"), values);
    String topic = resolve(p.get("Topic Filter"), values);
    if (broker == null || topic == null) {
      throw new IllegalStateException(consumer.getName() + " needs " + (broker == null ? "a Broker URI" : "a Topic Filter")
          + " (missing a --param?)");
    }
    String clientId = resolve(p.get("Client ID"), values);
    return new MqttSettings(broker, topic, integer(resolve(p.get("Quality of Service(QoS)"), values), 0),
        clientId == null ? "hub-flow-runner-" + java.util.UUID.randomUUID() : clientId,
        !"false".equals(resolve(p.get("Session state"), values)), resolve(p.get("Group ID"), values),
        resolve(p.get("Username"), values), resolve(p.get("Password"), values),
        integer(resolve(p.get("Connection Timeout (seconds)"), values), 30), integer(resolve(p.get("Keep Alive Interval (seconds)"), values), 60),
        integer(resolve(p.get("Max Queue Size"), values), 10_000));
  }

  /** The flow's parameter values: its parameter context's defaults, then the runner's --param values. */
  private static Map<String, String> values(DataflowDefinition definition, VersionedProcessGroup group, Map<String, String> parameters) {
    Map<String, String> values = new HashMap<>();
    Map<String, VersionedParameterContext> contexts = definition.getVersionedExternalFlow().getParameterContexts();
    VersionedParameterContext context = contexts == null ? null : contexts.get(group.getParameterContextName());
    if (context != null) {
      context.getParameters().forEach(param -> {
        if (param.getValue() != null) {
          values.put(param.getName(), param.getValue());
        }
      });
    }
    values.putAll(parameters);
    return values;
  }

  /** A property value with #{parameter} references replaced; null when unset or blank. */
  static String resolve(String value, Map<String, String> parameters) {
    if (value == null) {
      return null;
    }
    Matcher m = PARAMETER_REFERENCE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = parameters.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(v == null ? "" : v));
    }
    m.appendTail(out);
    return out.toString().isBlank() ? null : out.toString();
  }

  private static int integer(String value, int otherwise) {
    return value == null ? otherwise : Integer.parseInt(value.strip());
  }

  private static boolean narPresent(Path narDir) throws IOException {
    try (Stream<Path> nars = Files.list(narDir)) {
      for (Path nar : nars.filter(f -> f.toString().endsWith(".nar")).toList()) {
        if (MQTT_NAR_ID.equals(StatelessRuntime.narId(nar))) {
          return true;
        }
      }
    }
    return false;
  }
}
