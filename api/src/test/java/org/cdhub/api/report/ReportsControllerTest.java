package org.cdhub.api.report;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.cdhub.api.ApiConfig;
import org.cdhub.api.security.ApiClients;
import org.cdhub.api.security.ApiSecurity;
import org.cdhub.api.security.CurrentClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The report endpoints over HTTP with the real security chain and error mapping; the service is mocked. */
@WebMvcTest(controllers = ReportsController.class, excludeAutoConfiguration = UserDetailsServiceAutoConfiguration.class)
@Import({ApiSecurity.class, CurrentClient.class, ReportsControllerTest.Clients.class})
class ReportsControllerTest {
  static final String NORTH = "640106001001";
  static final String KEY = "north-platform-key-0001";
  static final String PATH = "/api/v1/communities/{code}/reports/{report}";

  @TestConfiguration
  static class Clients {
    @Bean
    ApiClients apiClients() {
      return ApiClients.from(new ApiConfig(
          Map.of("north-platform", new ApiConfig.Client(ApiClients.sha256Hex(KEY), List.of(NORTH), "governance")),
          null, List.of(), "demo", "demo"));
    }
  }

  @Autowired MockMvc mvc;
  @MockitoBean CommunityReportService reports;

  @Test
  void sendsTheFileWithItsTypeAndAnAttachmentName() throws Exception {
    byte[] csv = "\uFEFF主数据编号\r\nP-1\r\n".getBytes(StandardCharsets.UTF_8);
    when(reports.export(any(), eq(NORTH), eq("elderly-alone"), eq(ReportFormat.CSV)))
        .thenReturn(new ReportFile(csv, "elderly-alone-640106001001-20261206.csv", ReportFormat.CSV, 1));

    mvc.perform(get(PATH, NORTH, "elderly-alone").header("X-API-Key", KEY))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Type", "text/csv;charset=UTF-8"))
        .andExpect(header().string("Content-Disposition",
            org.hamcrest.Matchers.containsString("filename*=UTF-8''elderly-alone-640106001001-20261206.csv")))
        .andExpect(content().bytes(csv));
  }

  @Test
  void asksForExcelByFormat() throws Exception {
    when(reports.export(any(), eq(NORTH), eq("veterans"), eq(ReportFormat.XLSX)))
        .thenReturn(new ReportFile(new byte[] {'P', 'K'}, "veterans.xlsx", ReportFormat.XLSX, 0));

    mvc.perform(get(PATH, NORTH, "veterans").param("format", "xlsx").header("X-API-Key", KEY))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Type", ReportFormat.XLSX.mediaType()));
  }

  @Test
  void refusesAnUnknownFormatAndAHostileReportCodeWith400() throws Exception {
    mvc.perform(get(PATH, NORTH, "elderly-alone").param("format", "pdf").header("X-API-Key", KEY))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("format.pattern"));
    mvc.perform(get(PATH, NORTH, "Elderly'--").header("X-API-Key", KEY))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("reportCode.pattern"));
    verifyNoInteractions(reports);
  }

  @Test
  void answersAnUndefinedReportWith404NotDefined() throws Exception {
    when(reports.export(any(), eq(NORTH), eq("salaries"), any()))
        .thenThrow(new ReportNotDefinedException("salaries", List.of("elderly-alone")));

    mvc.perform(get(PATH, NORTH, "salaries").header("X-API-Key", KEY))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.code").value("reportCode.not-defined"))
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("elderly-alone")));
  }

  @Test
  void listsTheTemplatesButNotWithoutAKey() throws Exception {
    when(reports.templates()).thenReturn(ReportTemplates.bundled().all());

    mvc.perform(get("/api/v1/reports").header("X-API-Key", KEY))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[?(@.code == 'elderly-alone')].title").value("独居老人台账"))
        .andExpect(jsonPath("$[?(@.code == 'elderly-alone')].columns[0].field").value("masterId"));
    mvc.perform(get("/api/v1/reports")).andExpect(status().isUnauthorized());
  }
}
