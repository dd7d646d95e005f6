package org.cdhub.citygen.live;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Publishes a generated city's MQTT log ({@code vendors/mqtt_alarm.jsonl}, {@code mqtt_meter.jsonl}:
 * one {@code {"topic": ..., "payload": {...}}} per line) to a broker, as the vendor's platform
 * would: each line's payload as compact JSON to its topic, QoS 1, in file order. A line that is
 * not such an object stops the publishing with its line number; lines before it are published.
 */
public final class JsonlPublisher {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String brokerUri;
  private final int qos;

  public JsonlPublisher(String brokerUri, int qos) {
    this.brokerUri = requireNonNull(brokerUri, "brokerUri is null");
    if (qos < 0 || qos > 2) {
      throw new IllegalArgumentException("QoS must be 0, 1 or 2: " + qos);
    }
    this.qos = qos;
  }

  /** Publishes every line of {@code jsonl}; returns how many messages were published. */
  public long publish(Path jsonl) throws IOException, MqttException {
    long published = 0;
    MqttClient client = new MqttClient(brokerUri, "cdhub-citygen-" + UUID.randomUUID(), new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    client.connect(options);
    try (BufferedReader in = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
      long line = 0;
      for (String text; (text = in.readLine()) != null; ) {
        line++;
        if (text.isBlank()) {
          continue;
        }
        Message m = parse(text, jsonl, line);
        MqttMessage message = new MqttMessage(m.payload());
        message.setQos(qos);
        client.publish(m.topic(), message); // waits for the broker's PUBACK at QoS 1
        published++;
      }
    } finally {
      if (client.isConnected()) {
        client.disconnect();
      }
      client.close();
    }
    return published;
  }

  /** One line's topic and payload bytes. */
  record Message(String topic, byte[] payload) {}

  static Message parse(String line, Path file, long number) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (IOException e) {
      throw new IllegalArgumentException(file.getFileName() + " line " + number + ": not JSON", e);
    }
    JsonNode topic = node == null ? null : node.get("topic");
    JsonNode payload = node == null ? null : node.get("payload");
    if (topic == null || !topic.isTextual() || topic.asText().isBlank() || payload == null || !payload.isObject()) {
      throw new IllegalArgumentException(file.getFileName() + " line " + number
          + ": expected {\"topic\": \"...\", \"payload\": {...}}");
    }
    try {
      return new Message(topic.asText(), JSON.writeValueAsBytes(payload));
    } catch (IOException e) {
      throw new IllegalStateException("Cannot serialize the payload of line " + number, e);
    }
  }
}
