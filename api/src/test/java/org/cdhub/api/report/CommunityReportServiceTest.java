package org.cdhub.api.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.cdhub.api.audit.AuditedQuery;
import org.cdhub.api.audit.PersonalDataAudit;
import org.cdhub.api.returndata.GoldPersonFixture;
import org.cdhub.api.returndata.IcebergGoldPersonRepository;
import org.cdhub.api.returndata.PersonMasking;
import org.cdhub.api.returndata.TestPersons;
import org.cdhub.api.security.ApiClient;
import org.cdhub.api.security.OutsideJurisdictionException;
import org.cdhub.catalog.CatalogConfig;
import org.cdhub.catalog.CatalogDatabase;
import org.cdhub.catalog.audit.AccessEvent;
import org.cdhub.kernel.Masking;
import org.cdhub.model.entity.MasterPerson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Report exports over a real Iceberg table, the real audit log (SQLite) and the kernel's masking. */
class CommunityReportServiceTest {
  static final String NORTH = "640106001001";
  static final String SOUTH = "640106001002";
  static final AuditedQuery QUERY =
      AuditedQuery.of("GET", "/api/v1/communities/" + NORTH + "/reports/elderly-alone", "format=csv");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T02:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dataDir;
  GoldPersonFixture lakehouse;
  CatalogDatabase catalog;
  CommunityReportService reports;
  List<MasterPerson> north;
  final ApiClient northPlatform = new ApiClient("north-platform", "elderly-care", Set.of(NORTH));

  @BeforeEach
  void setUp() {
    lakehouse = GoldPersonFixture.create(dataDir);
    // 2,500 persons: the export walks several repository batches of 1,000
    north = new ArrayList<>(TestPersons.of(NORTH, 1, 2_500, 21));
    north.add(hostile());
    List<MasterPerson> rows = new ArrayList<>(north);
    rows.addAll(TestPersons.of(SOUTH, 1, 300, 22));
    lakehouse.append(rows);
    catalog = CatalogDatabase.open(CatalogConfig.embedded(dataDir));
    reports = new CommunityReportService(ReportTemplates.bundled(), new IcebergGoldPersonRepository(lakehouse.catalog()),
        new PersonMasking(CLOCK), new PersonalDataAudit(catalog.auditLog(), CLOCK), CLOCK);
  }

  @AfterEach
  void tearDown() {
    catalog.close();
    lakehouse.close();
  }

  @Test
  void listsExactlyTheCommunitysTaggedPersonsMaskedUnderTheDepartmentsHeaders() throws Exception {
    ReportFile file = reports.export(northPlatform, QUERY, NORTH, "elderly-alone", ReportFormat.CSV);

    List<MasterPerson> expected = tagged(north, "ELDERLY_ALONE");
    assertThat(expected).hasSizeGreaterThan(100);
    assertThat(file.rows()).isEqualTo(expected.size());
    assertThat(file.fileName()).isEqualTo("elderly-alone-640106001001-20261206.csv");
    assertThat(file.content()).startsWith(0xEF, 0xBB, 0xBF);
    List<CSVRecord> records = CSVFormat.RFC4180.parse(new InputStreamReader(new ByteArrayInputStream(file.content(), 3,
        file.content().length - 3), StandardCharsets.UTF_8)).getRecords();
    assertThat(records.get(0).values()).containsExactly("主数据编号", "姓名", "性别", "出生年份", "身份证号", "联系电话", "居住地址", "网格");
    assertThat(records).hasSize(expected.size() + 1);
    for (CSVRecord r : records.subList(1, records.size())) {
      MasterPerson stored = expected.stream().filter(p -> p.masterId().equals(r.get(0))).findFirst().orElseThrow();
      assertThat(r.get(1)).isEqualTo(Masking.name(stored.name()));
      assertThat(r.get(2)).isEqualTo(stored.sex().name());
      assertThat(r.get(3)).isEqualTo(Integer.toString(stored.birthDate().getYear()));
      assertThat(r.get(4)).isEqualTo(Masking.idNumber(stored.idNumber()));
      assertThat(r.get(5)).isEqualTo(Masking.phone(stored.phone()));
      assertThat(r.get(6)).isEqualTo(Masking.address(stored.address()));
    }
    String text = new String(file.content(), StandardCharsets.UTF_8);
    for (MasterPerson p : north) {
      assertThat(text).doesNotContain(p.idNumber(), p.phone());
    }
  }

  @Test
  void writesTheSameRowsAsAnExcelSheetNamedAfterTheReport() throws Exception {
    ReportFile file = reports.export(northPlatform, QUERY, NORTH, "veterans", ReportFormat.XLSX);

    List<MasterPerson> expected = tagged(north, "VETERAN");
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(file.content()))) {
      Sheet sheet = book.getSheetAt(0);
      assertThat(sheet.getSheetName()).isEqualTo("退役军人台账");
      assertThat(sheet.getRow(0).getCell(4).getStringCellValue()).isEqualTo("身份证号");
      assertThat(sheet.getLastRowNum()).isEqualTo(expected.size());
      List<String> ids = new ArrayList<>();
      for (int i = 1; i <= sheet.getLastRowNum(); i++) {
        ids.add(sheet.getRow(i).getCell(0).getStringCellValue());
      }
      assertThat(ids).containsExactlyInAnyOrderElementsOf(expected.stream().map(MasterPerson::masterId).toList());
    }
    assertThat(file.fileName()).endsWith(".xlsx");
  }

  @Test
  void keepsAHostileNameFromBecomingASpreadsheetFormula() throws Exception {
    ReportFile csv = reports.export(northPlatform, QUERY, NORTH, "disabled", ReportFormat.CSV);
    String text = new String(csv.content(), StandardCharsets.UTF_8);
    String masked = Masking.name(hostile().name());

    assertThat(masked).startsWith("=");
    assertThat(text).contains("'" + masked).doesNotContain("," + masked);
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(
        reports.export(northPlatform, QUERY, NORTH, "disabled", ReportFormat.XLSX).content()))) {
      Sheet sheet = book.getSheetAt(0);
      boolean found = false;
      for (int i = 1; i <= sheet.getLastRowNum(); i++) {
        if (sheet.getRow(i).getCell(0).getStringCellValue().equals(hostile().masterId())) {
          assertThat(sheet.getRow(i).getCell(1).getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.STRING);
          assertThat(sheet.getRow(i).getCell(1).getStringCellValue()).isEqualTo(masked);
          found = true;
        }
      }
      assertThat(found).isTrue();
    }
  }

  @Test
  void auditsTheExportWithItsRequestAndRecordIdsBeforeReturningIt() {
    ReportFile file = reports.export(northPlatform, QUERY, NORTH, "elderly-alone", ReportFormat.CSV);

    AccessEvent event = catalog.auditLog().recent(1).get(0);
    assertThat(event.clientId()).isEqualTo("north-platform");
    assertThat(event.purpose()).isEqualTo("elderly-care");
    assertThat(event.dataset()).isEqualTo("gold.person");
    assertThat(event.scope()).isEqualTo("community:" + NORTH);
    assertThat(event.recordCount()).isEqualTo(file.rows());
    assertThat(file.rows()).isPositive();
    String csv = new String(file.content(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(event.recordIds()).hasSize(file.rows()).doesNotHaveDuplicates().allSatisfy(id -> assertThat(csv).contains(id));
    assertThat(event.query()).isEqualTo(QUERY.text());
    assertThat(event.outcome()).isEqualTo(PersonalDataAudit.OK);
  }

  @Test
  void refusesAndAuditsACommunityOutsideTheJurisdiction() {
    assertThatThrownBy(() -> reports.export(northPlatform, QUERY, SOUTH, "elderly-alone", ReportFormat.CSV))
        .isInstanceOf(OutsideJurisdictionException.class);

    AccessEvent event = catalog.auditLog().recent(1).get(0);
    assertThat(event.scope()).isEqualTo("community:" + SOUTH);
    assertThat(event.outcome()).isEqualTo(PersonalDataAudit.DENIED);
    assertThat(event.recordCount()).isZero();
  }

  @Test
  void answersAnUnknownReportByNamingTheDefinedOnes() {
    assertThatThrownBy(() -> reports.export(northPlatform, QUERY, NORTH, "salaries", ReportFormat.CSV))
        .isInstanceOf(ReportNotDefinedException.class)
        .hasMessageContaining("salaries").hasMessageContaining("elderly-alone");
  }

  private static List<MasterPerson> tagged(List<MasterPerson> persons, String tag) {
    return persons.stream().filter(p -> p.tags().contains(tag)).toList();
  }

  /** A disabled person whose name a spreadsheet would run as a formula. */
  private static MasterPerson hostile() {
    MasterPerson model = TestPersons.of(NORTH, 9_000, 1, 5).get(0);
    return new MasterPerson("P-" + NORTH + "-09999", model.idNumber(), null, "=HYPERLINK(\"http://x\")", null, model.sex(),
        model.birthDate(), model.phone(), model.address(), model.houseId(), model.districtCode(), NORTH, model.gridCode(),
        List.of("DISABLED"), null, Map.of(), 1, model.updatedAt());
  }
}
