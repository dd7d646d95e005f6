package org.cdhub.launcher;

import java.nio.file.Path;
import java.util.List;
import org.cdhub.citygen.live.VendorApiServer;

/**
 * A vendor's paged JSON API over the generated city's pages, on loopback for the length of one
 * run. The port is fixed: the pull's cursor and the runner's state file name the base URL, so a
 * new port each run would re-pull every page (it would add nothing, but cost time).
 */
final class EmbeddedApiSource implements EmbeddedSource {
  static final int PORT = 18089;

  private final VendorApiServer server;
  private final String token;

  EmbeddedApiSource(Path sourcesDir) {
    // loopback only and generated data; a fresh token per run still proves the flow sends it
    this.token = EmbeddedPushSource.freshSecret();
    this.server = VendorApiServer.start(sourcesDir, token, PORT);
  }

  @Override
  public List<String> parameters() {
    return List.of("source.base.url=" + server.baseUrl(), "source.auth.token=" + token);
  }

  @Override
  public void close() {
    server.close();
  }
}
