package org.cdhub.api.returndata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RosterCursorTest {
  @Test
  void decodesWhatItEncodes() {
    RosterCursor cursor = new RosterCursor("640106001001", -5853920176548710134L, "P-640106001001-00042");

    assertThat(RosterCursor.decode(cursor.encode())).isEqualTo(cursor);
  }

  @Test
  void encodesToAUrlSafeTokenThatMatchesTheContractPattern() {
    String token = new RosterCursor("640106001001", 7L, "P-中文|id").encode();

    assertThat(token).matches("[A-Za-z0-9_-]+");
    assertThat(RosterCursor.decode(token).lastMasterId()).isEqualTo("P-中文|id");
  }

  @ParameterizedTest
  @ValueSource(strings = {"not base64!", "cjE", "cjF8NjQwMTA2MDAxMDAxfDd8", "eDF8NjQwMTA2MDAxMDAxfDd8UC0x"})
  void rejectsTokensItDidNotIssueAsMalformed(String token) {
    assertThatThrownBy(() -> RosterCursor.decode(token))
        .isInstanceOfSatisfying(InvalidCursorException.class,
            e -> assertThat(e.rule()).isEqualTo(InvalidCursorException.MALFORMED))
        .hasMessageStartingWith("Cannot read cursor");
  }

  @Test
  void rejectsACursorWithANonNumericSnapshot() {
    String token = Base64.getUrlEncoder().withoutPadding()
        .encodeToString("r1|640106001001|latest|P-1".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> RosterCursor.decode(token))
        .isInstanceOf(InvalidCursorException.class)
        .hasMessageContaining("snapshot id is not a number");
  }

  @Test
  void rejectsACursorWithABadCommunityCode() {
    String token = Base64.getUrlEncoder().withoutPadding()
        .encodeToString("r1|6401|7|P-1".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> RosterCursor.decode(token))
        .isInstanceOf(InvalidCursorException.class)
        .hasMessageContaining("community code");
  }
}
