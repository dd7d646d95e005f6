package org.cdhub.flows.runner;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

/**
 * What a flow's ConsumeMQTT is configured to subscribe to, its parameters resolved: what the
 * runner's stand-in subscriber uses in its place.
 *
 * @param brokerUris broker URIs as ConsumeMQTT's "Broker URI" lists them (comma-separated: fail-over)
 * @param topicFilter "Topic Filter"
 * @param qos "Quality of Service(QoS)"
 * @param clientId "Client ID" (the broker keeps a resumed session under it)
 * @param cleanSession "Session state" true = start fresh, false = resume
 * @param groupId "Group ID": subscribe as a shared subscription {@code $share/<group>/<filter>}, or null
 * @param username "Username", or null
 * @param password "Password", or null; never printed
 * @param connectionTimeoutSeconds "Connection Timeout (seconds)"
 * @param keepAliveSeconds "Keep Alive Interval (seconds)"
 * @param maxQueueSize "Max Queue Size": most messages taken into one trigger
 */
public record MqttSettings(String brokerUris, String topicFilter, int qos, String clientId, boolean cleanSession, String groupId,
    String username, String password, int connectionTimeoutSeconds, int keepAliveSeconds, int maxQueueSize) {

  public MqttSettings {
    requireNonNull(brokerUris, "brokerUris is null");
    requireNonNull(topicFilter, "topicFilter is null");
    requireNonNull(clientId, "clientId is null");
    if (qos < 0 || qos > 2) {
      throw new IllegalArgumentException("QoS must be 0, 1 or 2: " + qos);
    }
    if (split(brokerUris).isEmpty()) {
      throw new IllegalArgumentException("no broker URI");
    }
    for (String uri : split(brokerUris)) {
      String scheme = URI.create(uri).getScheme();
      if (!"tcp".equalsIgnoreCase(scheme)) {
        throw new IllegalArgumentException("the runner's MQTT stand-in speaks plain tcp:// only, not " + scheme + "://");
      }
    }
  }

  public List<String> uris() {
    return split(brokerUris);
  }

  private static List<String> split(String uris) {
    return Arrays.stream(uris.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  /** The subscription as ConsumeMQTT makes it. */
  public String subscription() {
    return groupId == null ? topicFilter : "$share/" + groupId + "/" + topicFilter;
  }

  @Override
  public String toString() {
    return "broker " + brokerUris + ", topic filter " + subscription() + ", QoS " + qos + ", client id " + clientId
        + (cleanSession ? ", clean session" : ", resumed session") + (username == null ? "" : ", user " + username);
  }
}
