package org.cdhub.api.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.cdhub.api.ApiConfig;
import org.cdhub.api.security.ApiClients;
import org.cdhub.api.security.ApiSecurity;
import org.cdhub.catalog.registry.Dataset;
import org.cdhub.catalog.registry.DatasetDescriptions;
import org.cdhub.model.lakehouse.LakehouseTable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(controllers = DatasetsController.class, excludeAutoConfiguration = UserDetailsServiceAutoConfiguration.class)
@Import({ApiSecurity.class, DatasetsControllerTest.Clients.class})
class DatasetsControllerTest {
  static final String KEY = "catalog-reader-key-0001";
  static final String PATH = "/api/v1/catalog/datasets/{name}";

  @TestConfiguration
  static class Clients {
    @Bean
    ApiClients apiClients() {
      return ApiClients.from(new ApiConfig(
          Map.of("reader", new ApiConfig.Client(ApiClients.sha256Hex(KEY), List.of("640106001001"), "catalog")),
          null, List.of(), "demo", "demo"));
    }
  }

  @Autowired MockMvc mvc;
  @MockitoBean DatasetCatalogService catalog;

  @Test
  void returnsTheEntryWithFieldsAndSensitivity() throws Exception {
    Dataset gold = DatasetDescriptions.forTable(LakehouseTable.GOLD_PERSON, 150, 4605537405599248187L,
        Instant.parse("2026-11-20T01:00:00Z"), Instant.parse("2026-11-20T01:05:00Z"));
    when(catalog.find("gold.person")).thenReturn(gold);

    mvc.perform(get(PATH, "gold.person").header("X-API-Key", KEY))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.qualifiedName").value("gold.person"))
        .andExpect(jsonPath("$.resourceCode").value(gold.resourceCode()))
        .andExpect(jsonPath("$.layer").value("gold"))
        .andExpect(jsonPath("$.sharingType").value(gold.sharingType().name()))
        .andExpect(jsonPath("$.containsPersonalData").value(true))
        .andExpect(jsonPath("$.rowCount").value(150))
        .andExpect(jsonPath("$.snapshotId").value("4605537405599248187"))
        .andExpect(jsonPath("$.publishedAt").value("2026-11-20T01:05:00Z"))
        .andExpect(jsonPath("$.fields[?(@.name == 'id_number')].sensitivity").value("SENSITIVE_PERSONAL"))
        .andExpect(jsonPath("$.fields[?(@.name == 'master_id')].type").value("string"));
  }

  @Test
  void carriesFreshnessAgainstTheUpdateCycleAndTheQualityScore() throws Exception {
    Instant fourDaysAgo = Instant.now().minus(java.time.Duration.ofDays(4));
    Dataset place = DatasetDescriptions.forTable(LakehouseTable.GOLD_PLACE, 12, 7L, fourDaysAgo, fourDaysAgo);
    Dataset person = DatasetDescriptions.forTable(LakehouseTable.GOLD_PERSON, 12, 7L, Instant.now().minusSeconds(60), Instant.now());
    when(catalog.find("gold.place")).thenReturn(place);
    when(catalog.find("gold.person")).thenReturn(person);
    when(catalog.quality("gold.person")).thenReturn(java.util.Optional.of(org.cdhub.catalog.registry.DatasetQuality.of("gold.person",
        List.of(new org.cdhub.catalog.registry.DatasetQuality.Run("run-1", 3, 1, 100, 10, Instant.now())))));

    String stale = mvc.perform(get(PATH, "gold.place").header("X-API-Key", KEY))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.freshness").value("STALE"))
        .andExpect(jsonPath("$.qualityScore").doesNotExist())
        .andReturn().getResponse().getContentAsString();
    long age = new com.fasterxml.jackson.databind.ObjectMapper().readTree(stale).get("dataAgeSeconds").asLong();
    assertThat(age).isBetween(4 * 86_400L, 4 * 86_400L + 600);
    mvc.perform(get(PATH, "gold.person").header("X-API-Key", KEY))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.freshness").value("FRESH"))
        .andExpect(jsonPath("$.qualityScore").value(67.5));
  }

  @Test
  void answersAnUnregisteredNameWith404() throws Exception {
    when(catalog.find("gold.unicorn")).thenThrow(new DatasetNotRegisteredException("gold.unicorn"));

    mvc.perform(get(PATH, "gold.unicorn").header("X-API-Key", KEY))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("qualifiedName.not-registered"));
  }

  @Test
  void answersANameThatIsNoQualifiedTableNameWith400() throws Exception {
    mvc.perform(get(PATH, "gold.person' OR '1'='1").header("X-API-Key", KEY))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("qualifiedName.pattern"));
    verifyNoInteractions(catalog);
  }

  @Test
  void answersAPathTraversalAttemptWith400ProblemDetails() throws Exception {
    mvc.perform(get("/api/v1/catalog/datasets/..%2F..%2Fetc%2Fpasswd").header("X-API-Key", KEY))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("path.rejected"));
    verifyNoInteractions(catalog);
  }

  @Test
  void needsAKey() throws Exception {
    mvc.perform(get(PATH, "gold.person"))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.code").value("apiKey.missing"));
    verifyNoInteractions(catalog);
  }
}
