package org.cdhub.launcher;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run Spark jobs (standardize, resolve, merge) in local mode on the embedded lakehouse; several run in order in one JVM.")
final class RunJobCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", description = "Jobs: standardize, resolve or merge, in the order to run.")
  java.util.List<String> jobs;

  @picocli.CommandLine.Mixin
  DataDirOption data = new DataDirOption();

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    for (String job : jobs) {
      if (!java.util.List.of("standardize", "resolve", "merge").contains(job)) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Unknown job '" + job + "': expected standardize, resolve or merge");
      }
    }
    LauncherConfig config = LauncherConfig.fromEnvironment(System.getenv());
    new HubPipeline(new StepCommands(config), data.resolve(config), System.out).runJobsMeasured(jobs);
    return 0;
  }
}
