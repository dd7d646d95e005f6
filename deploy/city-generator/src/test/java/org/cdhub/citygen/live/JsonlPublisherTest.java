package org.cdhub.citygen.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlPublisherTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void publishesEachLinesPayloadToItsTopicInFileOrderThroughTheEmbeddedBroker() throws Exception {
    Path file = dir.resolve("mqtt_alarm.jsonl");
    Files.writeString(file, """
        {"topic":"xywl/E1/SMOKE/SD1/alarm","payload":{"msgId":"XY1","alarmLevel":3,"value":2.5,"estateName":"丽景湾"}}

        {"topic":"xywl/E1/GAS/GD2/alarm","payload":{"msgId":"XY2","value":null}}
        {"topic":"xywl/E2/SMOKE/SD3/alarm","payload":{"msgId":"XY3"}}
        """, StandardCharsets.UTF_8);
    try (EmbeddedBroker broker = EmbeddedBroker.start(0)) {
      LinkedBlockingQueue<String[]> received = new LinkedBlockingQueue<>();
      MqttClient subscriber = new MqttClient(broker.uri(), "test-subscriber", new MemoryPersistence());
      subscriber.connect(new MqttConnectOptions());
      subscriber.subscribe("xywl/#", 1, (topic, message) ->
          received.add(new String[] {topic, new String(message.getPayload(), StandardCharsets.UTF_8)}));

      assertThat(new JsonlPublisher(broker.uri(), 1).publish(file)).isEqualTo(3);

      List<String[]> messages = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        String[] m = received.poll(5, TimeUnit.SECONDS);
        assertThat(m).as("message %d arrived", i + 1).isNotNull();
        messages.add(m);
      }
      assertThat(messages).extracting(m -> m[0])
          .containsExactly("xywl/E1/SMOKE/SD1/alarm", "xywl/E1/GAS/GD2/alarm", "xywl/E2/SMOKE/SD3/alarm");
      assertThat(JSON.readTree(messages.get(0)[1]))
          .isEqualTo(JSON.readTree("{\"msgId\":\"XY1\",\"alarmLevel\":3,\"value\":2.5,\"estateName\":\"丽景湾\"}"));
      assertThat(JSON.readTree(messages.get(1)[1]).get("value").isNull()).isTrue();
      subscriber.disconnect();
      subscriber.close();
    }
  }

  @Test
  void aLineThatIsNotATopicAndPayloadStopsWithItsLineNumber() throws Exception {
    Path file = dir.resolve("broken.jsonl");
    Files.writeString(file, "{\"topic\":\"t/1\",\"payload\":{\"mid\":\"M1\"}}\n{\"topic\":\"t/2\",\"payload\":[1]}\n");
    try (EmbeddedBroker broker = EmbeddedBroker.start(0)) {
      assertThatThrownBy(() -> new JsonlPublisher(broker.uri(), 1).publish(file))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("broken.jsonl line 2");
    }
    assertThatThrownBy(() -> JsonlPublisher.parse("{\"topic\":\"t/1\",\"payload\":{\"a\":", file, 7))
        .hasMessageContaining("line 7: not JSON");
  }
}
