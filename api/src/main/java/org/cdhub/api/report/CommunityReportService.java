package org.cdhub.api.report;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.cdhub.api.audit.AuditedQuery;
import org.cdhub.api.audit.PersonalDataAudit;
import org.cdhub.api.returndata.CommunityAccess;
import org.cdhub.api.returndata.CommunityRead;
import org.cdhub.api.returndata.GoldPersonRepository;
import org.cdhub.api.returndata.MaskedPerson;
import org.cdhub.api.returndata.PersonMasking;
import org.cdhub.api.security.ApiClient;
import org.cdhub.api.security.OutsideJurisdictionException;
import org.cdhub.api.security.UnmaskRequest;
import org.cdhub.model.entity.MasterPerson;
import org.cdhub.model.lakehouse.LakehouseTable;

/**
 * Exports a business line's report of one community from gold.person: the persons carrying
 * the template's tag (of its grids, for a grid-bound client), masked as the roster masks them, in
 * the template's columns. The same jurisdiction check and audit as the roster ({@link CommunityAccess}): a refused export is audited, and a granted one
 * is audited before the file leaves.
 */
public final class CommunityReportService {
  public static final String DATASET = LakehouseTable.GOLD_PERSON.qualifiedName();
  /** Persons read per repository call while walking the community. */
  private static final int READ_BATCH = 1_000;
  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  private final ReportTemplates templates;
  private final GoldPersonRepository persons;
  private final CommunityAccess access;
  private final Clock clock;

  public CommunityReportService(ReportTemplates templates, GoldPersonRepository persons, CommunityAccess access,
      Clock clock) {
    this.templates = requireNonNull(templates, "templates is null");
    this.persons = requireNonNull(persons, "persons is null");
    this.access = requireNonNull(access, "access is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  public CommunityReportService(ReportTemplates templates, GoldPersonRepository persons, PersonMasking masking,
      PersonalDataAudit audit, Clock clock) {
    this(templates, persons, CommunityAccess.withoutGrants(masking, audit), clock);
  }

  public List<ReportTemplate> templates() {
    return templates.all();
  }

  /**
   * @param query the request, as the audit log records it
   * @throws ReportNotDefinedException if no template has the code
   * @throws OutsideJurisdictionException if the client may not read the community (audited)
   */
  public ReportFile export(ApiClient client, AuditedQuery query, String communityCode, String reportCode,
      ReportFormat format) {
    requireNonNull(client, "client is null");
    requireNonNull(query, "query is null");
    requireNonNull(communityCode, "communityCode is null");
    requireNonNull(format, "format is null");
    ReportTemplate template = templates.find(reportCode).orElseThrow(() -> new ReportNotDefinedException(reportCode,
        templates.all().stream().map(ReportTemplate::code).toList()));
    CommunityRead read = access.open(client, query, DATASET, PersonalDataAudit.LIST, communityCode, UnmaskRequest.NONE);
    List<MaskedPerson> listed = new ArrayList<>();
    OptionalLong snapshot = persons.currentSnapshotId();
    if (snapshot.isPresent()) {
      // one snapshot for the whole walk, so the report is one table state
      String after = null;
      while (true) {
        List<MasterPerson> batch = persons.findByCommunityAfter(communityCode, snapshot.getAsLong(), after, READ_BATCH);
        for (MasterPerson p : batch) {
          if (p.tags() != null && p.tags().contains(template.tag()) && read.sees(p)) {
            listed.add(read.mask(p));
          }
        }
        if (batch.size() < READ_BATCH) {
          break;
        }
        after = batch.get(batch.size() - 1).masterId();
      }
    }
    byte[] content = ReportWriter.write(template, listed, format);
    read.audited(listed.stream().map(MaskedPerson::masterId).toList());
    String day = LocalDate.ofInstant(clock.instant(), CHINA).format(DateTimeFormatter.BASIC_ISO_DATE);
    return new ReportFile(content, template.code() + "-" + communityCode + "-" + day + "." + format.extension(), format, listed.size());
  }
}
