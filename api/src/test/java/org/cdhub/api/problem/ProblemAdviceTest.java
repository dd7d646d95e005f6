package org.cdhub.api.problem;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.cdhub.api.trino.InvalidQueryException;
import org.cdhub.api.trino.TrinoUnavailableException;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The problem details of the Trino data path's errors, which no endpoint of today's contract raises on its own. */
class ProblemAdviceTest {
  @RestController
  static class Failing {
    @GetMapping("/unknown-column")
    String unknownColumn() {
      throw new InvalidQueryException("columns", "unknown-column", "Cannot query gold.person: it has no column 'salary'");
    }

    @GetMapping("/timeout")
    String timeout() {
      throw new TrinoUnavailableException(TrinoUnavailableException.TIMEOUT,
          "Cannot query gold.person through Trino at jdbc:trino://t:8080: the query ran past hub.trino.query-timeout (30s)", null);
    }
  }

  final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Failing()).setControllerAdvice(new ProblemAdvice()).build();

  @Test
  void aColumnTheTableDoesNotHaveIs400NamingThePartAndRule() throws Exception {
    mvc.perform(get("/unknown-column"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("columns.unknown-column"))
        .andExpect(jsonPath("$.type").value("urn:cdhub:problem:columns.unknown-column"))
        .andExpect(jsonPath("$.detail").value("Cannot query gold.person: it has no column 'salary'"));
  }

  @Test
  void aQueryPastItsTimeoutIs503QueryEngineTimeout() throws Exception {
    mvc.perform(get("/timeout"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("queryEngine.timeout"))
        .andExpect(jsonPath("$.field").value("queryEngine"))
        .andExpect(jsonPath("$.rule").value("timeout"));
  }
}
