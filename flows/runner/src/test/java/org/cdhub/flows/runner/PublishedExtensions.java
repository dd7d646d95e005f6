package org.cdhub.flows.runner;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Published contracts of components whose NAR cannot be had here (not on Maven Central), so the
 * static tier can still check a flow that uses them. Test data, transcribed by hand from the
 * component's source at its release tag; used only while its NAR is absent from the NAR directory.
 */
final class PublishedExtensions {
  static final String MQTT_BUNDLE = "org.apache.nifi:nifi-mqtt-nar:2.3.0";
  static final String CONSUME_MQTT = "org.apache.nifi.processors.mqtt.ConsumeMQTT";

  private PublishedExtensions() {}

  /**
   * ConsumeMQTT of NiFi 2.3.0: PROPERTY_DESCRIPTORS and RELATIONSHIPS in
   * nifi-extension-bundles/nifi-mqtt-bundle/nifi-mqtt-processors/src/main/java/org/apache/nifi/processors/mqtt/ConsumeMQTT.java,
   * the shared descriptors' names in .../processors/mqtt/common/AbstractMQTTProcessor.java (github.com/apache/nifi, tag rel/nifi-2.3.0).
   * Only Password is sensitive; SSL Context Service, record-reader and record-writer identify controller services.
   */
  static ExtensionManifests.Component consumeMqtt() {
    Map<String, Boolean> properties = new LinkedHashMap<>();
    for (String name : List.of("Broker URI", "MQTT Specification Version", "Username", "Password", "SSL Context Service",
        "Session state", "Session Expiry Interval", "Client ID", "Group ID", "Topic Filter", "Quality of Service(QoS)",
        "record-reader", "record-writer", "add-attributes-as-fields", "message-demarcator", "Connection Timeout (seconds)",
        "Keep Alive Interval (seconds)", "Last Will Message", "Last Will Topic", "Last Will Retain", "Last Will QoS Level",
        "Max Queue Size")) {
      properties.put(name, name.equals("Password"));
    }
    return new ExtensionManifests.Component(MQTT_BUNDLE, CONSUME_MQTT, "PROCESSOR", properties,
        Set.of("SSL Context Service", "record-reader", "record-writer"), List.of(), Set.of("Message", "parse.failure"), Set.of());
  }

  /** Every published contract, keyed like {@link ExtensionManifests#key}. */
  static Map<String, ExtensionManifests.Component> all() {
    return Map.of(MQTT_BUNDLE + "/" + CONSUME_MQTT, consumeMqtt());
  }
}
