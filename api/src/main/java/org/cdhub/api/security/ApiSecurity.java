package org.cdhub.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.cdhub.api.generated.api.InternalApi;
import org.cdhub.api.trino.TrinoConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.Order;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Every path but health needs an API key, except Trino's query events, which need the shared event
 * token instead (a chain of their own). Stateless: no sessions, no cookies, so no CSRF
 * exposure; refusals are Problem Details. Which communities a client may read is checked in the
 * services (it depends on the resource asked for), not here.
 */
@Configuration
@EnableWebSecurity
public class ApiSecurity {
  /** Paths anyone may call: the launcher and load balancers probe health without a key. */
  static final String[] PUBLIC_PATHS = {"/actuator/health", "/actuator/health/**", "/error"};

  /** Also Spring Security's {@code RequestRejectedHandler}: firewall refusals become Problem Details too. */
  @Bean
  ProblemResponses problemResponses(ObjectMapper json) {
    return new ProblemResponses(json);
  }

  /** Trino's HTTP event listener posting query events: the event token, not an API key. Checked first. */
  @Bean
  @Order(1)
  SecurityFilterChain trinoEventsFilterChain(HttpSecurity http, ObjectProvider<TrinoConfig> trino,
      ProblemResponses problems) throws Exception {
    // not a bean, as the API key filter
    TrinoEventTokenFilter token = TrinoEventTokenFilter.of(trino.getIfAvailable(), problems);
    return stateless(http.securityMatcher(InternalApi.PATH_RECORD_TRINO_QUERY_EVENT), problems)
        .addFilterBefore(token, AnonymousAuthenticationFilter.class)
        .authorizeHttpRequests(a -> a.anyRequest().authenticated())
        .build();
  }

  @Bean
  SecurityFilterChain apiFilterChain(HttpSecurity http, ApiClients clients, ProblemResponses problems) throws Exception {
    // not a bean: Spring Boot would also register a bean Filter with the servlet container
    ApiKeyAuthenticationFilter apiKeys = new ApiKeyAuthenticationFilter(clients, clients.requestRates(), problems);
    return stateless(http, problems)
        .addFilterBefore(apiKeys, AnonymousAuthenticationFilter.class)
        .authorizeHttpRequests(a -> a.requestMatchers(PUBLIC_PATHS).permitAll().anyRequest().authenticated())
        .build();
  }

  /** What both chains share: machines call them, so no sessions, cookies, CSRF or login pages; refusals are Problem Details. */
  private static HttpSecurity stateless(HttpSecurity http, ProblemResponses problems) throws Exception {
    return http
        .csrf(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems));
  }
}
