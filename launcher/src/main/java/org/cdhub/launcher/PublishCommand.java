package org.cdhub.launcher;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "publish", mixinStandardHelpOptions = true,
    description = "Register every existing lakehouse table in the data catalog with its current facts.")
final class PublishCommand implements Callable<Integer> {
  @picocli.CommandLine.Mixin
  DataDirOption data = new DataDirOption();

  @Override
  public Integer call() {
    LauncherConfig config = LauncherConfig.fromEnvironment(System.getenv());
    new HubPipeline(new StepCommands(config), data.resolve(config), System.out).publish()
        .forEach(d -> System.out.printf("  %-22s %-26s %,10d rows  %s%n", d.resourceCode(), d.qualifiedName(), d.rowCount(), d.sharingType()));
    return 0;
  }
}
