package org.cdhub.launcher;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cdhub.catalog.CatalogDatabase;
import org.cdhub.catalog.subscription.Decider;
import org.cdhub.catalog.subscription.Subscription;
import org.cdhub.catalog.subscription.SubscriptionException;
import org.cdhub.catalog.subscription.SubscriptionRequest;
import org.cdhub.catalog.subscription.SubscriptionService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./hub subscribe}, {@code ./hub grants [revoke]} and {@code ./hub approve}: dataset
 * subscriptions in the catalog database, by the same rules as the API. The API rewrites Trino's
 * access rules on its next expiry check (hub.subscriptions.expiry-check), so a decision taken
 * here reaches Trino within that interval while the API runs.
 */
final class SubscriptionCommands {
  private SubscriptionCommands() {}

  static SubscriptionService service(CatalogDatabase catalog) {
    return new SubscriptionService(catalog.datasets(), catalog.subscriptions(), catalog.auditLog(), Clock.systemUTC());
  }

  static String describe(Subscription s) {
    SubscriptionRequest r = s.request();
    return String.format(Locale.ROOT, "Subscription %d: %s on %s, columns %s, scope %s, until %s: %s%s", s.id(),
        r.department(), r.dataset(), String.join(",", r.columns()), r.scope() == null ? "-" : r.scope(), r.until(),
        s.stateAt(java.time.Instant.now()), s.reason() == null ? "" : " (" + s.reason() + ")");
  }

  /** Runs a decision and prints it, or prints the refusal with its field and rule and answers 1. */
  static int decide(CommandLine commandLine, DataDirOption data, java.util.function.Function<SubscriptionService,
      Subscription> decision) {
    PrintWriter out = commandLine.getOut();
    try (CatalogDatabase catalog = AuditCommand.open(data, out)) {
      if (catalog == null) {
        return 1;
      }
      try {
        out.println(describe(decision.apply(service(catalog))));
        return 0;
      } catch (SubscriptionException e) {
        out.println(e.getMessage() + " [" + e.code() + "]");
        return 1;
      } finally {
        out.flush();
      }
    }
  }

  @Command(name = "subscribe", mixinStandardHelpOptions = true,
      description = {"A department asks for columns of a catalog dataset, in a jurisdiction, for a purpose, until a date.",
          "Unconditional datasets are granted at once, conditional ones wait for ./hub approve, not shared ones are",
          "refused with their legal basis."})
  static final class Subscribe implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DATASET", description = "Qualified name, e.g. gold.person.")
    String dataset;

    @Option(names = "--department", required = true, description = "The requesting department's code (its Trino user).")
    String department;

    @Option(names = "--purpose", required = true, description = "What the data is for.")
    String purpose;

    @Option(names = "--legal-purpose", description = "The law or duty personal columns are needed for (required for them).")
    String legalPurpose;

    @Option(names = "--columns", required = true, split = ",", paramLabel = "COLUMN", description = "Columns, comma-separated.")
    List<String> columns;

    @Option(names = "--scope", description = "District (6 digits), street (9) or community (12) code of the rows.")
    String scope;

    @Option(names = "--until", required = true, paramLabel = "ISO",
        description = "End of the period: an instant (2027-01-31T16:00:00Z) or UTC date (2027-02-01).")
    String until;

    @Option(names = "--by", description = "Who asks (default: the system user).")
    String by = System.getProperty("user.name");

    @CommandLine.Mixin
    DataDirOption data = new DataDirOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      SubscriptionRequest request;
      try {
        request = new SubscriptionRequest(department, dataset, purpose, legalPurpose, columns, scope,
            AuditCommand.instant(spec.commandLine(), "--until", until), by);
      } catch (SubscriptionException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage() + " [" + e.code() + "]", e);
      }
      return decide(spec.commandLine(), data, service -> service.request(request));
    }
  }

  @Command(name = "approve", mixinStandardHelpOptions = true,
      description = {"The owner department approves (or with --reject rejects) a waiting subscription."})
  static final class Approve implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ID", description = "The subscription's number (./hub grants).")
    long id;

    @Option(names = "--reject", description = "Reject instead of approve (needs --reason).")
    boolean reject;

    @Option(names = "--reason", description = "Why (required with --reject).")
    String reason;

    @Option(names = "--department", description = "The owner department acted for, as the catalog names providers "
        + "(default: the dataset's provider: the operator acts for it).")
    String department;

    @Option(names = "--by", description = "Who decides (default: the system user).")
    String by = System.getProperty("user.name");

    @CommandLine.Mixin
    DataDirOption data = new DataDirOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      return decide(spec.commandLine(), data, service -> {
        Decider owner = new Decider(by, department != null ? department
            : service.dataset(service.find(id)).providerDepartment());
        return reject ? service.reject(id, owner, reason) : service.approve(id, owner);
      });
    }
  }

  @Command(name = "grants", mixinStandardHelpOptions = true,
      description = {"List subscriptions, oldest first, with their state now; ./hub grants revoke ID ends one."},
      subcommands = {Revoke.class})
  static final class Grants implements Callable<Integer> {
    @Option(names = "--department", description = "Only this department's.")
    String department;

    @Option(names = "--dataset", description = "Only subscriptions to this dataset.")
    String dataset;

    @CommandLine.Mixin
    DataDirOption data = new DataDirOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (CatalogDatabase catalog = AuditCommand.open(data, out)) {
        if (catalog == null) {
          return 1;
        }
        SubscriptionService service = service(catalog);
        List<Subscription> shown = (department == null ? service.all() : service.ofDepartment(department)).stream()
            .filter(s -> dataset == null || s.request().dataset().equals(dataset)).toList();
        out.println(shown.size() + (shown.size() == 1 ? " subscription" : " subscriptions"));
        shown.forEach(s -> out.println(describe(s)));
        out.flush();
        return 0;
      }
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "End a grant now; it stays listed as revoked.")
  static final class Revoke implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ID", description = "The subscription's number.")
    long id;

    @Option(names = "--reason", description = "Why.")
    String reason;

    @Option(names = "--department", description = "The department acted for: the owner or the requester "
        + "(default: the dataset's provider).")
    String department;

    @Option(names = "--by", description = "Who revokes (default: the system user).")
    String by = System.getProperty("user.name");

    @CommandLine.Mixin
    DataDirOption data = new DataDirOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      return decide(spec.commandLine(), data, service -> service.revoke(id, new Decider(by, department != null
          ? department : service.dataset(service.find(id)).providerDepartment()), reason));
    }
  }
}
