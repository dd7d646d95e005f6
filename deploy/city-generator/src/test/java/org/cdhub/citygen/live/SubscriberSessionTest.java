package org.cdhub.citygen.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubscriberSessionTest {
  @TempDir Path dir;

  @Test
  void messagesPublishedAfterTheSessionOpenedWaitForTheSubscriberAndOthersDoNot() throws Exception {
    Path file = dir.resolve("mqtt_meter.jsonl");
    Files.writeString(file, "{\"topic\":\"xywl/E1/WATER_METER/W1/telemetry\",\"payload\":{\"mid\":\"M1\"}}\n"
        + "{\"topic\":\"xywl/E1/WATER_METER/W2/telemetry\",\"payload\":{\"mid\":\"M2\"}}\n", StandardCharsets.UTF_8);
    try (EmbeddedBroker broker = EmbeddedBroker.start(0)) {
      SubscriberSession.open(broker.uri(), "flow-client", "xywl/+/WATER_METER/+/telemetry", 1);
      new JsonlPublisher(broker.uri(), 1).publish(file); // the subscriber is offline now

      assertThat(receive(broker, "flow-client")).as("kept for the resumed session").isEqualTo(2);
      assertThat(receive(broker, "never-subscribed")).as("no session when published: nothing kept").isZero();
    }
  }

  /** Distinct topics delivered to {@code clientId}'s session (a redelivery after a reconnect counts once). */
  private static int receive(EmbeddedBroker broker, String clientId) throws Exception {
    java.util.Set<String> received = java.util.concurrent.ConcurrentHashMap.newKeySet();
    LinkedBlockingQueue<String> arrivals = new LinkedBlockingQueue<>();
    MqttClient client = new MqttClient(broker.uri(), clientId, new MemoryPersistence());
    client.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
      @Override public void connectionLost(Throwable cause) {}
      @Override public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) {
        received.add(topic);
        arrivals.add(topic);
      }
      @Override public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {}
    });
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(false);
    // the embedded broker may still be closing the session's previous connection when this one
    // arrives and drop it (moquette's takeover race): connect again, the session is kept
    for (int attempt = 1; ; attempt++) {
      try {
        client.connect(options);
        client.subscribe("xywl/+/WATER_METER/+/telemetry", 1); // a new subscription gets only what is published from now on
        break;
      } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
        if (attempt == 3 || e.getReasonCode() != org.eclipse.paho.client.mqttv3.MqttException.REASON_CODE_CONNECTION_LOST) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
    while (arrivals.poll(received.size() < 2 ? 3 : 1, TimeUnit.SECONDS) != null) {
      // drain until quiet
    }
    client.disconnect();
    client.close();
    return received.size();
  }
}
