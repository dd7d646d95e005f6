package org.cdhub.citygen.live;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Opens a flow's resumed (persistent) session on a broker before anything is published: a broker
 * keeps QoS 1 messages only for sessions it knows, so publishing a generated file before the
 * flow's subscriber ever connected would lose them. Use the flow's own client id and topic filter
 * (its parameters {@code mqtt.client.id}, {@code mqtt.topic.filter}).
 */
public final class SubscriberSession {
  private SubscriberSession() {}

  /** Connects as {@code clientId} without a clean session, subscribes to {@code topicFilter} at {@code qos}, disconnects. */
  public static void open(String brokerUri, String clientId, String topicFilter, int qos) throws MqttException {
    MqttClient client = new MqttClient(brokerUri, clientId, new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(false);
    options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    try {
      client.connect(options);
      client.subscribe(topicFilter, qos);
      client.disconnect();
    } finally {
      client.close();
    }
  }

  /** Makes the broker forget {@code clientId}'s session and whatever it still holds for it (a clean connect). */
  public static void discard(String brokerUri, String clientId) throws MqttException {
    MqttClient client = new MqttClient(brokerUri, clientId, new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    try {
      client.connect(options);
      client.disconnect();
    } finally {
      client.close();
    }
  }
}
