package org.cdhub.api.report;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.cdhub.api.audit.PersonalDataAudit;
import org.cdhub.api.returndata.GoldPersonRepository;
import org.cdhub.api.returndata.MaskedPerson;
import org.cdhub.api.returndata.PersonMasking;
import org.cdhub.api.security.ApiClient;
import org.cdhub.api.security.OutsideJurisdictionException;
import org.cdhub.model.entity.MasterPerson;
import org.cdhub.model.lakehouse.LakehouseTable;

/**
 * Exports a business line's report of one community from gold.person: the persons carrying
 * the template's tag, masked as the roster masks them, in the template's columns. The same
 * jurisdiction check and audit as the roster: a refused export is audited, and a granted one
 * is audited before the file leaves.
 */
public final class CommunityReportService {
  public static final String DATASET = LakehouseTable.GOLD_PERSON.qualifiedName();
  /** Persons read per repository call while walking the community. */
  private static final int READ_BATCH = 1_000;
  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  private final ReportTemplates templates;
  private final GoldPersonRepository persons;
  private final PersonMasking masking;
  private final PersonalDataAudit audit;
  private final Clock clock;

  public CommunityReportService(ReportTemplates templates, GoldPersonRepository persons, PersonMasking masking,
      PersonalDataAudit audit, Clock clock) {
    this.templates = requireNonNull(templates, "templates is null");
    this.persons = requireNonNull(persons, "persons is null");
    this.masking = requireNonNull(masking, "masking is null");
    this.audit = requireNonNull(audit, "audit is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  public List<ReportTemplate> templates() {
    return templates.all();
  }

  /**
   * @throws ReportNotDefinedException if no template has the code
   * @throws OutsideJurisdictionException if the client may not read the community (audited)
   */
  public ReportFile export(ApiClient client, String communityCode, String reportCode, ReportFormat format) {
    requireNonNull(client, "client is null");
    requireNonNull(communityCode, "communityCode is null");
    requireNonNull(format, "format is null");
    ReportTemplate template = templates.find(reportCode).orElseThrow(() -> new ReportNotDefinedException(reportCode,
        templates.all().stream().map(ReportTemplate::code).toList()));
    if (!client.mayRead(communityCode)) {
      audit.refused(client, DATASET, communityCode);
      throw new OutsideJurisdictionException(client.id(), communityCode);
    }
    List<MaskedPerson> listed = new ArrayList<>();
    OptionalLong snapshot = persons.currentSnapshotId();
    if (snapshot.isPresent()) {
      // one snapshot for the whole walk, so the report is one table state
      String after = null;
      while (true) {
        List<MasterPerson> batch = persons.findByCommunityAfter(communityCode, snapshot.getAsLong(), after, READ_BATCH);
        for (MasterPerson p : batch) {
          if (p.tags() != null && p.tags().contains(template.tag())) {
            listed.add(masking.mask(p));
          }
        }
        if (batch.size() < READ_BATCH) {
          break;
        }
        after = batch.get(batch.size() - 1).masterId();
      }
    }
    byte[] content = ReportWriter.write(template, listed, format);
    audit.listed(client, DATASET, communityCode, listed.size());
    String day = LocalDate.ofInstant(clock.instant(), CHINA).format(DateTimeFormatter.BASIC_ISO_DATE);
    return new ReportFile(content, template.code() + "-" + communityCode + "-" + day + "." + format.extension(), format, listed.size());
  }
}
