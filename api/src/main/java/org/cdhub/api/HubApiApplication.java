package org.cdhub.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;

/**
 * The return-data API: community platforms read their own residents back from the gold layer.
 *
 * <p>Run as {@code java -jar hub-api.jar --hub.data-dir=<dir> --server.port=<port>}; see
 * {@link StorageConfig} and {@link ApiConfig} for every key.
 */
// Flyway: the catalog module runs its own migrations; Spring must not run any.
// UserDetailsService: clients authenticate with API keys only, so no generated password is logged.
@SpringBootApplication(exclude = {FlywayAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class})
public class HubApiApplication {
  public static void main(String[] args) {
    SpringApplication.run(HubApiApplication.class, args);
  }
}
