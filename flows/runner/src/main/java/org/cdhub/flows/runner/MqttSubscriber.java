package org.cdhub.flows.runner;

import java.util.List;

/**
 * A QoS-aware MQTT subscription whose messages are acknowledged only when the runner says so,
 * after their batch has landed: a run that fails or dies leaves them with the broker, which
 * delivers them again to the next run (resumed session, same client id).
 */
public interface MqttSubscriber extends AutoCloseable {
  /** Connects and subscribes; messages start arriving. */
  void connect(MqttSettings settings) throws Exception;

  /**
   * Waits up to {@code waitMillis} for a first message, then takes what else arrives without a pause,
   * at most {@code max} in all; empty if none came. Throws when the connection was lost.
   */
  List<MqttDelivery> poll(int max, long waitMillis) throws Exception;

  /** Acknowledges the deliveries (PUBACK for QoS 1): the broker forgets them. */
  void acknowledge(List<MqttDelivery> deliveries) throws Exception;

  /** Disconnects without acknowledging what is still pending. */
  @Override
  void close();
}
