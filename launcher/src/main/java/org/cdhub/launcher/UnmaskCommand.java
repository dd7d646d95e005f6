package org.cdhub.launcher;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cdhub.catalog.CatalogDatabase;
import org.cdhub.catalog.grant.UnmaskGrant;
import org.cdhub.catalog.grant.UnmaskableField;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "unmask", mixinStandardHelpOptions = true,
    description = {"Grant, revoke or list unmask grants in the catalog database: a data-bureau operator lets one API",
        "client see named personal fields unmasked, for a stated purpose, until an expiry. Never possible via the API."},
    subcommands = {UnmaskCommand.Grant.class, UnmaskCommand.Revoke.class, UnmaskCommand.ListGrants.class})
final class UnmaskCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Missing command: ./hub unmask grant, ./hub unmask revoke or ./hub unmask list");
  }

  @Command(name = "grant", mixinStandardHelpOptions = true,
      description = "Let a client see fields unmasked for one purpose until an expiry; prints the grant's id.")
  static final class Grant implements Callable<Integer> {
    @Option(names = "--client", required = true, description = "The API client id (hub.api.clients.<id>).")
    String client;

    @Option(names = "--fields", required = true, split = ",", paramLabel = "FIELD",
        description = "Fields to unmask, comma-separated: idNumber, name, phone, address.")
    List<String> fields;

    @Option(names = "--purpose", required = true,
        description = "The purpose requests must state (purpose=...): lower-case letters, digits, dashes.")
    String purpose;

    @Option(names = "--expires", required = true, paramLabel = "ISO",
        description = "When the grant stops applying: an instant (2027-01-31T16:00:00Z) or UTC date (2027-02-01).")
    String expires;

    @Option(names = "--community", description = "Only this 12-digit community (default: the client's whole jurisdiction).")
    String community;

    @Option(names = "--by", required = true, description = "Who grants it (name or staff id), kept with the grant.")
    String by;

    @CommandLine.Mixin
    DataDirOption data = new DataDirOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      EnumSet<UnmaskableField> unmasked = EnumSet.noneOf(UnmaskableField.class);
      for (String name : fields) {
        unmasked.add(UnmaskableField.byName(name.trim()).orElseThrow(() -> new CommandLine.ParameterException(
            spec.commandLine(), "--fields: " + name + " cannot be unmasked; use " + UnmaskableField.names())));
      }
      UnmaskGrant request;
      try {
        request = UnmaskGrant.request(client, unmasked, purpose, community,
            AuditCommand.instant(spec.commandLine(), "--expires", expires), by, Instant.now());
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
      }
      try (CatalogDatabase catalog = AuditCommand.open(data, out)) {
        if (catalog == null) {
          return 1;
        }
        UnmaskGrant granted = catalog.unmaskGrants().grant(request);
        out.printf(Locale.ROOT, "Granted unmask grant %d: client %s may see %s unmasked for purpose %s in %s until %s "
                + "(granted by %s)%n", granted.id(), granted.clientId(), fieldNames(granted), granted.purpose(),
            granted.communityCode() == null ? "its whole jurisdiction" : "community " + granted.communityCode(),
            granted.expiresAt(), granted.grantedBy());
        out.flush();
        return 0;
      }
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "End a grant now; it stays listed as revoked.")
  static final class Revoke implements Callable<Integer> {
    @Option(names = "--id", required = true, description = "The grant's id (./hub unmask list).")
    long id;

    @Option(names = "--by", required = true, description = "Who revokes it.")
    String by;

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
        UnmaskGrant revoked;
        try {
          revoked = catalog.unmaskGrants().revoke(id, by, Instant.now()).orElse(null);
        } catch (IllegalArgumentException | IllegalStateException e) {
          out.println(e.getMessage());
          out.flush();
          return 1;
        }
        if (revoked == null) {
          out.println("No unmask grant " + id + ".");
          out.flush();
          return 1;
        }
        out.printf(Locale.ROOT, "Revoked unmask grant %d of client %s (%s for %s) at %s by %s%n", revoked.id(),
            revoked.clientId(), fieldNames(revoked), revoked.purpose(), revoked.revokedAt(), revoked.revokedBy());
        out.flush();
        return 0;
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Print grants, oldest first, with their status.")
  static final class ListGrants implements Callable<Integer> {
    @Option(names = "--client", description = "Only this client's grants.")
    String client;

    @Option(names = "--active", description = "Only grants in force now (neither revoked nor expired).")
    boolean active;

    @CommandLine.Mixin
    DataDirOption data = new DataDirOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (CatalogDatabase catalog = AuditCommand.open(data, out)) {
        if (catalog == null) {
          return 0;
        }
        Instant now = Instant.now();
        List<UnmaskGrant> grants = (client == null ? catalog.unmaskGrants().findAll()
            : catalog.unmaskGrants().findByClient(client)).stream().filter(g -> !active || g.activeAt(now)).toList();
        out.printf(Locale.ROOT, "%d unmask grant%s%n", grants.size(), grants.size() == 1 ? "" : "s");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "CLIENT", "FIELDS", "PURPOSE", "COMMUNITY", "EXPIRES (UTC)", "GRANTED BY", "STATUS"});
        for (UnmaskGrant g : grants) {
          rows.add(new String[] {Long.toString(g.id()), g.clientId(), fieldNames(g), g.purpose(),
              g.communityCode() == null ? "*" : g.communityCode(), g.expiresAt().toString(), g.grantedBy(),
              g.revokedAt() != null ? "revoked " + g.revokedAt() + " by " + g.revokedBy()
                  : g.activeAt(now) ? "active" : "expired"});
        }
        if (!grants.isEmpty()) {
          AuditCommand.printRows(out, rows);
        }
        out.flush();
        return 0;
      }
    }
  }

  static String fieldNames(UnmaskGrant grant) {
    return String.join(",", EnumSet.copyOf(grant.fields()).stream().map(UnmaskableField::fieldName).toList());
  }
}
