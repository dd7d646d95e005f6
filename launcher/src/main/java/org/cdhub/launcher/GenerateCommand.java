package org.cdhub.launcher;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cdhub.citygen.CityGenerator;
import org.cdhub.citygen.CityGeneratorConfig;
import org.cdhub.citygen.GeneratedCity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Generate a deterministic city and export it the way each department and vendor would.")
final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--people", defaultValue = "5000", description = "People in the city (1 to 2,000,000; default ${DEFAULT-VALUE}).")
  int people;

  @Option(names = "--seed", defaultValue = "20201", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", description = "Output directory (default: <data-dir>/sources).")
  Path out;

  @picocli.CommandLine.Mixin
  DataDirOption data = new DataDirOption();

  @Override
  public Integer call() {
    LauncherConfig config = LauncherConfig.fromEnvironment(System.getenv());
    Path target = out != null ? out.toAbsolutePath() : data.resolve(config).resolve("sources");
    GeneratedCity city = new CityGenerator(new CityGeneratorConfig(seed, people, target)).generate(new ConsoleProgress(System.out));
    System.out.println("Generated " + city.people() + " people into " + city.outputDir());
    city.feeds().values().forEach(f ->
        System.out.printf("  %-26s %-14s %,10d records  %s%n", f.feed(), f.kind(), f.records(), target.relativize(f.location())));
    return 0;
  }
}
