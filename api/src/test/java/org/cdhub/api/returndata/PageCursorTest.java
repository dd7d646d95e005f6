package org.cdhub.api.returndata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageCursorTest {
  @Test
  void decodesWhatItEncodes() {
    PageCursor cursor = new PageCursor("persons", "640106001001", -5853920176548710134L, "P-640106001001-00042");

    assertThat(PageCursor.decode(cursor.encode())).isEqualTo(cursor);
  }

  @Test
  void carriesThePlaceSnapshotAndTheFiltersOfItsFirstPage() {
    ListFilters filters = ListFilters.builder().with("tag", List.of("VETERAN", "DISABLED", "VETERAN"))
        .with("ageBand", Set.of("90+")).with("building", "L-B3").with("grid", null).build();
    PageCursor cursor = new PageCursor("persons", "640106001001", 7L, 99L, filters, "P-1");

    PageCursor decoded = PageCursor.decode(cursor.encode());

    assertThat(decoded).isEqualTo(cursor);
    assertThat(decoded.placeSnapshotId()).isEqualTo(99L);
    // repeated values sorted and de-duplicated, absent filters left out: one spelling per set of filters
    assertThat(decoded.filters().values()).containsExactly(
        java.util.Map.entry("ageBand", "90+"), java.util.Map.entry("building", "L-B3"),
        java.util.Map.entry("tag", "DISABLED,VETERAN"));
  }

  @Test
  void encodesToAUrlSafeTokenThatMatchesTheContractPattern() {
    String token = new PageCursor("persons", "640106001001", 7L, "P-中文|id").encode();

    assertThat(token).matches("[A-Za-z0-9_-]+").hasSizeLessThanOrEqualTo(512);
    assertThat(PageCursor.decode(token).lastMasterId()).isEqualTo("P-中文|id");
  }

  @ParameterizedTest
  @ValueSource(strings = {"not base64!", "cjE", "cjF8NjQwMTA2MDAxMDAxfDd8", "eDF8NjQwMTA2MDAxMDAxfDd8UC0x",
      // a roster cursor of the previous format (r1|640106001001|7|P-1)
      "cjF8NjQwMTA2MDAxMDAxfDd8UC0x"})
  void rejectsTokensItDidNotIssueAsMalformed(String token) {
    assertThatThrownBy(() -> PageCursor.decode(token))
        .isInstanceOfSatisfying(InvalidCursorException.class,
            e -> assertThat(e.rule()).isEqualTo(InvalidCursorException.MALFORMED))
        .hasMessageStartingWith("Cannot read cursor");
  }

  @Test
  void rejectsACursorWithANonNumericSnapshot() {
    assertThatThrownBy(() -> PageCursor.decode(token("p1|640106001001|persons|latest|-||P-1")))
        .isInstanceOf(InvalidCursorException.class)
        .hasMessageContaining("snapshot id is not a number");
  }

  @Test
  void rejectsACursorWithABadCommunityCode() {
    assertThatThrownBy(() -> PageCursor.decode(token("p1|6401|persons|7|-||P-1")))
        .isInstanceOf(InvalidCursorException.class)
        .hasMessageContaining("community code");
  }

  @ParameterizedTest
  @ValueSource(strings = {"p1|640106001001|persons|7|-|tag|P-1", "p1|640106001001|persons|7|-|tag=A;tag=B|P-1",
      "p1|640106001001|Persons!|7|-||P-1", "p1|640106001001|persons|7|-||"})
  void rejectsForgedFiltersListNamesAndMasterIdsAsMalformed(String plain) {
    assertThatThrownBy(() -> PageCursor.decode(token(plain)))
        .isInstanceOfSatisfying(InvalidCursorException.class,
            e -> assertThat(e.rule()).isEqualTo(InvalidCursorException.MALFORMED));
  }

  private static String token(String plain) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }
}
