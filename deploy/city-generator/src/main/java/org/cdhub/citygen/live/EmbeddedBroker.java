package org.cdhub.citygen.live;

import io.moquette.BrokerConstants;
import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Properties;

/**
 * An MQTT 3.1.1 broker inside this JVM (Moquette), for the embedded profile and tests, where no
 * Mosquitto is installed: plain TCP on the loopback interface, anonymous clients, sessions and
 * queued QoS 1 messages kept in memory for as long as the broker runs.
 */
public final class EmbeddedBroker implements AutoCloseable {
  /** Largest message accepted: generous, so the hub's own size rule (not the broker) refuses an oversize payload. */
  static final int MAX_MESSAGE_BYTES = 1 << 20;
  /** Messages kept for a resumed session that is offline. */
  static final int SESSION_QUEUE_SIZE = 1 << 20;

  private final Server server;
  private final int port;

  private EmbeddedBroker(Server server, int port) {
    this.server = server;
    this.port = port;
  }

  /** Starts a broker on 127.0.0.1:{@code port}; 0 picks a free port. */
  public static EmbeddedBroker start(int port) {
    int chosen = port == 0 ? freePort() : port;
    Properties p = new Properties();
    p.setProperty(BrokerConstants.HOST_PROPERTY_NAME, "127.0.0.1");
    p.setProperty(BrokerConstants.PORT_PROPERTY_NAME, Integer.toString(chosen));
    p.setProperty(BrokerConstants.WEB_SOCKET_PORT_PROPERTY_NAME, BrokerConstants.DISABLED_PORT_BIND);
    p.setProperty(BrokerConstants.ALLOW_ANONYMOUS_PROPERTY_NAME, "true");
    p.setProperty(BrokerConstants.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
    p.setProperty(BrokerConstants.NETTY_MAX_BYTES_PROPERTY_NAME, Integer.toString(MAX_MESSAGE_BYTES));
    p.setProperty(BrokerConstants.SESSION_QUEUE_SIZE, Integer.toString(SESSION_QUEUE_SIZE));
    p.setProperty(BrokerConstants.IMMEDIATE_BUFFER_FLUSH_PROPERTY_NAME, "true"); // deliver at once, not on the next flush tick
    Server server = new Server();
    try {
      server.startServer(new MemoryConfig(p));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the embedded MQTT broker on 127.0.0.1:" + chosen, e);
    }
    return new EmbeddedBroker(server, chosen);
  }

  public int port() {
    return port;
  }

  /** The URI clients connect to, e.g. {@code tcp://127.0.0.1:1883}. */
  public String uri() {
    return "tcp://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    server.stopServer();
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot find a free port for the embedded MQTT broker", e);
    }
  }
}
