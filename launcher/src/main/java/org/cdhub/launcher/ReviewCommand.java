package org.cdhub.launcher;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cdhub.model.entity.EntityType;
import org.cdhub.model.lakehouse.LakehouseConfig;
import org.cdhub.model.ops.StewardDecision;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "review", mixinStandardHelpOptions = true,
    description = {"List the person pairs resolve queued for a data steward (gold.person_match), with score and evidence,",
        "or record a decision on a pair: --link or --split FEED:RECORD FEED:RECORD --reason TEXT.",
        "Every later ./hub run resolve honours the latest decision on a pair."})
final class ReviewCommand implements Callable<Integer> {
  @Option(names = "--limit", defaultValue = "20", description = "How many queued pairs to list (default ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--link", arity = "2", paramLabel = "FEED:RECORD", description = "Decide that two records are one person.")
  List<String> link;

  @Option(names = "--split", arity = "2", paramLabel = "FEED:RECORD", description = "Decide that two records are two people.")
  List<String> split;

  @Option(names = "--reason", description = "Why (required with --link or --split).")
  String reason;

  @Option(names = "--steward", description = "Who decides (default: $USER).")
  String steward;

  @CommandLine.Mixin
  DataDirOption data = new DataDirOption();

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (link != null && split != null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Give --link or --split, not both");
    }
    if (limit < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be at least 1, got " + limit);
    }
    Path dataDir = data.resolve(LauncherConfig.fromEnvironment(System.getenv()));
    PrintWriter out = spec.commandLine().getOut();
    if (!Files.isDirectory(dataDir)) {
      out.println("No data directory at " + dataDir + ": run ./hub demo or ./hub run resolve first, or pass --data-dir.");
      out.flush();
      return 0;
    }
    try (ReviewQueue queue = new ReviewQueue(LakehouseConfig.embedded(dataDir))) {
      if (link != null || split != null) {
        List<String> pair = link != null ? link : split;
        String[] left = record(pair.get(0));
        String[] right = record(pair.get(1));
        if (reason == null || reason.isBlank()) {
          throw new CommandLine.ParameterException(spec.commandLine(), "A decision needs --reason");
        }
        String who = steward != null ? steward : System.getenv().getOrDefault("USER", "unknown");
        StewardDecision decision = new StewardDecision(EntityType.PERSON.name(), left[0], left[1], right[0], right[1],
            link != null ? StewardDecision.LINK : StewardDecision.SPLIT, who, reason, Instant.now());
        queue.record(decision);
        out.printf("Recorded %s of %s and %s by %s; the next ./hub run resolve applies it.%n", decision.decision(), pair.get(0), pair.get(1), who);
        out.flush();
        return 0;
      }
      List<ReviewQueue.QueuedPair> queued = queue.queued();
      out.printf("%d pair(s) await review%s%n", queued.size(), queued.size() > limit ? " (showing " + limit + ")" : "");
      for (ReviewQueue.QueuedPair p : queued.subList(0, Math.min(limit, queued.size()))) {
        out.printf(Locale.ROOT, "%n  %s  ~  %s%n    probability %.4f, weight %+.2f%s%n", p.left(), p.right(), p.probability(), p.weight(),
            p.rule() == null ? "" : ", capped by rule " + p.rule());
        out.printf("    %s%n", String.join("  ", p.evidence()));
      }
      if (!queued.isEmpty()) {
        out.printf("%nDecide with: ./hub review --link|--split FEED:RECORD FEED:RECORD --reason TEXT%n");
      }
      out.flush();
      return 0;
    }
  }

  private String[] record(String text) {
    int colon = text.indexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "A record is FEED:RECORD (e.g. hr_household:6401040000000001), got " + text);
    }
    return new String[] {text.substring(0, colon), text.substring(colon + 1)};
  }
}
