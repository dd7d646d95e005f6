package org.cdhub.flows.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * {@link MqttSubscriber} on Eclipse Paho (MQTT 3.1.1) with manual acknowledgements. Loaded by
 * {@link StandInClassLoader} with the Paho jar from {@code standin/}: Paho never joins the class
 * path every NAR sees.
 */
public final class PahoSubscriber implements MqttSubscriber {
  private final LinkedBlockingQueue<MqttDelivery> received = new LinkedBlockingQueue<>();
  private volatile Throwable lost;
  private MqttClient client;

  public PahoSubscriber() {}

  @Override
  public void connect(MqttSettings settings) throws Exception {
    List<String> uris = settings.uris();
    client = new MqttClient(uris.get(0), settings.clientId(), new MemoryPersistence());
    client.setManualAcks(true);
    client.setCallback(new MqttCallback() {
      @Override
      public void connectionLost(Throwable cause) {
        lost = cause;
      }

      @Override
      public void messageArrived(String topic, MqttMessage message) {
        received.add(new MqttDelivery(topic, message.getPayload(), message.getQos(), message.isDuplicate(), message.isRetained(),
            message.getId()));
      }

      @Override
      public void deliveryComplete(IMqttDeliveryToken token) {
        // the stand-in never publishes
      }
    });
    MqttConnectOptions options = new MqttConnectOptions();
    options.setServerURIs(uris.toArray(String[]::new));
    options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    options.setCleanSession(settings.cleanSession());
    options.setAutomaticReconnect(false); // a lost connection fails the run; unacknowledged messages come back to the next one
    options.setConnectionTimeout(settings.connectionTimeoutSeconds());
    options.setKeepAliveInterval(settings.keepAliveSeconds());
    options.setMaxInflight(Math.max(10, Math.min(settings.maxQueueSize(), 65_535)));
    if (settings.username() != null) {
      options.setUserName(settings.username());
    }
    if (settings.password() != null) {
      options.setPassword(settings.password().toCharArray());
    }
    client.connect(options);
    client.subscribe(settings.subscription(), settings.qos());
  }

  @Override
  public List<MqttDelivery> poll(int max, long waitMillis) throws Exception {
    List<MqttDelivery> out = new ArrayList<>();
    MqttDelivery first = received.poll(waitMillis, TimeUnit.MILLISECONDS);
    if (first != null) {
      out.add(first);
      // take what keeps arriving back to back: one batch rather than a trigger per message
      for (MqttDelivery next; out.size() < max && (next = received.poll(20, TimeUnit.MILLISECONDS)) != null; ) {
        out.add(next);
      }
    }
    if (out.isEmpty() && lost != null) {
      throw new IllegalStateException("lost the connection to the MQTT broker: " + lost.getMessage(), lost);
    }
    return out;
  }

  @Override
  public void acknowledge(List<MqttDelivery> deliveries) throws Exception {
    for (MqttDelivery d : deliveries) {
      if (d.qos() > 0) {
        client.messageArrivedComplete(d.messageId(), d.qos());
      }
    }
  }

  @Override
  public void close() {
    if (client == null) {
      return;
    }
    try {
      if (client.isConnected()) {
        client.disconnect(1_000);
      }
      client.close();
    } catch (Exception e) {
      // closing is best effort: what was not acknowledged stays with the broker
    }
  }
}
