package org.cdhub.launcher;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run one Spark job (standardize, resolve, merge) in local mode on the embedded lakehouse.")
final class RunJobCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "Job: standardize, resolve or merge.")
  String job;

  @picocli.CommandLine.Mixin
  DataDirOption data = new DataDirOption();

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (!java.util.List.of("standardize", "resolve", "merge").contains(job)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Unknown job '" + job + "': expected standardize, resolve or merge");
    }
    LauncherConfig config = LauncherConfig.fromEnvironment(System.getenv());
    new HubPipeline(new StepCommands(config), data.resolve(config), System.out).runJob(job);
    return 0;
  }
}
