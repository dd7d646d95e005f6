package org.cdhub.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.cdhub.citygen.CityGenerator;
import org.cdhub.citygen.live.EmbeddedBroker;
import org.cdhub.citygen.live.JsonlPublisher;
import org.cdhub.citygen.live.SubscriberSession;
import org.cdhub.model.contract.SourceContract;

/**
 * The compound IoT platform publishing its generated messages to an in-JVM MQTT broker for one
 * run. The flow's persistent session is opened first, so the broker keeps every message (QoS 1)
 * for the flow until it has landed them; then the file is published and the flow drains it.
 */
final class EmbeddedMqttSource implements EmbeddedSource {
  private final EmbeddedBroker broker;
  private final long published;

  EmbeddedMqttSource(SourceContract contract, Path sourcesDir) {
    Path messages = sourcesDir.resolve(generatedFile(sourcesDir, contract.feed()));
    broker = EmbeddedBroker.start(0);
    try {
      // the client id and topic filter the flow subscribes with (its parameter defaults)
      SubscriberSession.open(broker.uri(), "cdhub-" + contract.feed(), contract.format().location(), 1);
      published = new JsonlPublisher(broker.uri(), 1).publish(messages);
    } catch (Exception e) {
      broker.close();
      throw new IllegalStateException("Cannot publish " + messages + " to the embedded MQTT broker: " + e.getMessage(), e);
    }
  }

  @Override
  public List<String> parameters() {
    return List.of("mqtt.broker.uri=" + broker.uri());
  }

  @Override
  public List<String> runnerOptions() {
    // a batch of up to 1,000 messages per trigger; the broker has them all before the flow starts
    return List.of("--listen-idle-ms", "3000", "--max-triggers", Long.toString(Math.max(1000, published / 10 + 100)));
  }

  @Override
  public void close() {
    broker.close();
  }

  /** The file the generator wrote the feed's messages to, from the city's manifest. */
  static String generatedFile(Path sourcesDir, String feed) {
    try {
      JsonNode manifest = new ObjectMapper().readTree(sourcesDir.resolve(CityGenerator.MANIFEST).toFile());
      for (JsonNode f : manifest.path("feeds")) {
        if (feed.equals(f.path("feed").asText()) && f.path("files").size() == 1) {
          return f.path("files").get(0).asText();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the generated city's manifest in " + sourcesDir, e);
    }
    throw new IllegalStateException("The generated city in " + sourcesDir + " has no single file for feed " + feed);
  }
}
