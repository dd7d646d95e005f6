package org.cdhub.flows.runner;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * One message the stand-in subscriber received and has not acknowledged yet.
 *
 * @param messageId the client's id for acknowledging it (MQTT packet id)
 */
public record MqttDelivery(String topic, byte[] payload, int qos, boolean duplicate, boolean retained, int messageId) {
  public MqttDelivery {
    requireNonNull(topic, "topic is null");
    requireNonNull(payload, "payload is null");
  }

  /** The attributes ConsumeMQTT 2.3.0 writes on a message's FlowFile. */
  Map<String, String> attributes(String brokerUris) {
    return Map.of("mqtt.broker", brokerUris, "mqtt.topic", topic, "mqtt.qos", Integer.toString(qos),
        "mqtt.isDuplicate", Boolean.toString(duplicate), "mqtt.isRetained", Boolean.toString(retained));
  }

  /** SHA-256 over topic and payload: the same message redelivered has the same key. */
  String key() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(topic.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      return HexFormat.of().formatHex(digest.digest(payload));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JDK has no SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "MqttDelivery[" + topic + ", " + payload.length + " bytes]"; // payloads may hold personal data
  }
}
