package org.cdhub.launcher;

import java.io.PrintStream;
import java.util.Locale;
import org.cdhub.citygen.ProgressListener;

/** Progress of in-process work: a rewritten line on a terminal, a line per 10% otherwise. */
final class ConsoleProgress implements ProgressListener {
  private final PrintStream out;
  private final boolean terminal = System.console() != null;
  private String lastStage = "";
  private long lastDecile = -1;

  ConsoleProgress(PrintStream out) {
    this.out = out;
  }

  @Override
  public void progress(String stage, long done, long total) {
    long decile = total <= 0 ? 10 : Math.min(10, done * 10 / total);
    if (terminal) {
      out.printf(Locale.ROOT, "\r    %-24s %,d / %,d", stage, done, total);
      if (done >= total) {
        out.println();
      }
    } else if (!stage.equals(lastStage) || decile != lastDecile) {
      out.printf(Locale.ROOT, "    %-24s %,d / %,d%n", stage, done, total);
    }
    lastStage = stage;
    lastDecile = decile;
  }
}
