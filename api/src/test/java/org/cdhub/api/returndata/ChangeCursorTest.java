package org.cdhub.api.returndata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChangeCursorTest {
  static final String NORTH = "640106001001";

  @Test
  void decodesWhatItEncodesAtRestMidCatchUpAndBeforeTheFirstSnapshot() {
    for (ChangeCursor cursor : new ChangeCursor[] {
        ChangeCursor.at(NORTH, -5853920176548710134L),
        new ChangeCursor(NORTH, 7L, 9L, "P-640106001001-00042"),
        ChangeCursor.at(NORTH, null),
        new ChangeCursor(NORTH, null, 9L, "P-1")}) {
      assertThat(ChangeCursor.decode(cursor.encode())).isEqualTo(cursor);
    }
  }

  @Test
  void encodesToAUrlSafeTokenThatKeepsASeparatorInTheMasterId() {
    String token = new ChangeCursor(NORTH, 7L, 8L, "P-中文|id").encode();

    assertThat(token).matches("[A-Za-z0-9_-]+");
    assertThat(ChangeCursor.decode(token).lastMasterId()).isEqualTo("P-中文|id");
  }

  @ParameterizedTest
  @ValueSource(strings = {"r1|640106001001|7|P-1", "c1|640106001001|7|", "c1|6401|7||", "c1|640106001001|latest||",
      "c1|640106001001|7|8|", "c1|640106001001|7||P-1", "c1|640106001001|7|7|P-1"})
  void rejectsTokensItDidNotIssueAsMalformedNamingSince(String plain) {
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> ChangeCursor.decode(token))
        .isInstanceOfSatisfying(InvalidCursorException.class, e -> {
          assertThat(e.field()).isEqualTo(InvalidCursorException.SINCE);
          assertThat(e.rule()).isEqualTo(InvalidCursorException.MALFORMED);
        })
        .hasMessageStartingWith("Cannot read change cursor");
  }

  @Test
  void rejectsTextThatIsNotBase64() {
    assertThatThrownBy(() -> ChangeCursor.decode("not base64!"))
        .isInstanceOf(InvalidCursorException.class)
        .hasMessageContaining("not URL-safe Base64");
  }
}
