package org.cdhub.flows.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Answers one request with a Content-Length for the whole body, sends only its first bytes and
 * closes the socket: a server that crashed mid-response (the JDK's HttpServer cannot be made to).
 */
final class CutShortServer implements AutoCloseable {
  private final ServerSocket socket;
  private final Thread thread;

  CutShortServer(byte[] body, int sent) throws IOException {
    socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    thread = new Thread(() -> {
      try (Socket s = socket.accept()) {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
          // the request's headers: not needed
        }
        OutputStream out = s.getOutputStream();
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
        out.write(body, 0, sent);
        out.flush();
      } catch (IOException e) {
        // closed by the test
      }
    }, "cut-short-server");
    thread.setDaemon(true);
    thread.start();
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/api/");
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
