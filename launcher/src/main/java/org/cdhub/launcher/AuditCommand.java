package org.cdhub.launcher;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cdhub.catalog.CatalogDatabase;
import org.cdhub.catalog.audit.AccessEvent;
import org.cdhub.catalog.audit.AuditEntry;
import org.cdhub.catalog.audit.AuditQuery;
import org.cdhub.catalog.audit.ChainVerification;
import org.cdhub.kernel.Masking;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "audit", mixinStandardHelpOptions = true,
    description = {"Check or read the access audit log in the catalog database (catalog.db in the data dir,",
        "or -Dhub.catalog.jdbc-url=...): every read of personal data through the API, hash-chained."},
    subcommands = {AuditCommand.Verify.class, AuditCommand.ListEntries.class})
final class AuditCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: ./hub audit verify or ./hub audit list");
  }

  /** The catalog database of the data dir, or null (after saying so) when the embedded one was never created. */
  static CatalogDatabase open(DataDirOption data, PrintWriter out) {
    return data.openCatalog(out, "nothing has been audited there");
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = {"Recompute the audit log's hash chain. Prints the entries checked and the head hash, or the",
          "first broken link (sequence and reason); exits 1 when the chain is broken."})
  static final class Verify implements Callable<Integer> {
    @CommandLine.Mixin
    DataDirOption data = new DataDirOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (CatalogDatabase catalog = open(data, out)) {
        if (catalog == null) {
          return 1; // nothing verified is not a pass
        }
        ChainVerification result = catalog.auditLog().verify();
        String legacy = result.legacyRows() == 0 ? ""
            : String.format(Locale.ROOT, "; %,d row(s) from before the chain anchored into entry 1", result.legacyRows());
        if (result.firstBreak().isPresent()) {
          ChainVerification.Break b = result.firstBreak().get();
          out.printf(Locale.ROOT, "Audit chain BROKEN at sequence %d: %s: %s%n", b.seq(), b.reason(), b.detail());
          out.printf(Locale.ROOT, "%,d entries verified before the break%s.%n", result.entriesChecked(), legacy);
          out.flush();
          return 1;
        }
        out.printf(Locale.ROOT, "Audit chain OK: %,d entries checked%s; head hash %s%n",
            result.entriesChecked(), legacy, result.headHash());
        out.flush();
        return 0;
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Print audit entries, newest first, that match every filter given.")
  static final class ListEntries implements Callable<Integer> {
    @Option(names = "--client", description = "Only this client's reads.")
    String client;

    @Option(names = "--record", paramLabel = "MASTER_ID", description = "Only reads that returned this master id.")
    String record;

    @Option(names = "--dataset", description = "Only reads of this dataset (e.g. gold.person).")
    String dataset;

    @Option(names = "--outcome", description = "Only this outcome (OK, DENIED).")
    String outcome;

    @Option(names = "--since", paramLabel = "ISO", description = "Only from this instant or UTC date on (2026-11-20T08:00:00Z or 2026-11-20).")
    String since;

    @Option(names = "--until", paramLabel = "ISO", description = "Only before this instant or UTC date.")
    String until;

    @Option(names = "--limit", defaultValue = "50", description = "At most this many entries (default ${DEFAULT-VALUE}).")
    int limit;

    @CommandLine.Mixin
    DataDirOption data = new DataDirOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      AuditQuery query = query();
      PrintWriter out = spec.commandLine().getOut();
      try (CatalogDatabase catalog = open(data, out)) {
        if (catalog == null) {
          return 0;
        }
        List<AuditEntry> entries = catalog.auditLog().find(query);
        out.printf(Locale.ROOT, "%d audit entr%s%n", entries.size(), entries.size() == 1 ? "y" : "ies");
        if (!entries.isEmpty()) {
          printTable(out, entries);
        }
        out.flush();
        return 0;
      }
    }

    private AuditQuery query() {
      try {
        AuditQuery q = AuditQuery.latest(limit);
        q = client == null ? q : q.withClient(client);
        q = record == null ? q : q.withRecord(record);
        q = dataset == null ? q : q.withDataset(dataset);
        q = outcome == null ? q : q.withOutcome(outcome);
        q = since == null ? q : q.withSince(instant("--since", since));
        return until == null ? q : q.withUntil(instant("--until", until));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
      }
    }

    private Instant instant(String option, String text) {
      try {
        return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
      } catch (DateTimeParseException e) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            option + " must be an ISO instant (2026-11-20T08:00:00Z) or date (2026-11-20), got " + text);
      }
    }
  }

  static final String[] HEADER = {"SEQ", "TIME (UTC)", "CLIENT", "OUTCOME", "DATASET", "SCOPE", "N", "PURPOSE", "QUERY", "RECORDS"};
  /** Widest a column may get; longer cells end in an ellipsis. */
  static final int MAX_CELL = 60;

  /** A fixed-width table; free text passes the kernel's masking once more, in case a writer did not mask it. */
  static void printTable(PrintWriter out, List<AuditEntry> entries) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (AuditEntry entry : entries) {
      AccessEvent e = entry.event();
      rows.add(new String[] {
          entry.legacy() ? "-" : Long.toString(entry.seq()),
          e.at().toString(),
          cell(e.clientId()),
          cell(e.outcome()),
          cell(e.dataset()),
          cell(e.scope()),
          Integer.toString(e.recordCount()),
          cell(e.purpose()),
          cell(e.query()),
          cell(String.join(",", e.recordIds()))});
    }
    int[] width = new int[HEADER.length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(i == 0 ? "" : "  ").append(i == row.length - 1 ? row[i] : String.format("%-" + width[i] + "s", row[i]));
      }
      out.println(line.toString().stripTrailing());
    }
  }

  private static String cell(String value) {
    if (value == null || value.isEmpty()) {
      return "-";
    }
    String masked = Masking.numbersInText(value).replaceAll("\\p{Cntrl}", "?");
    return masked.length() > MAX_CELL ? masked.substring(0, MAX_CELL - 1) + "…" : masked;
  }
}
