package org.cdhub.jobs.standardize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.cdhub.jobs.TestPeople;
import org.cdhub.kernel.Checked;
import org.cdhub.model.contract.SourceContracts;
import org.cdhub.model.entity.PersonStatus;
import org.cdhub.model.entity.QuarantinedRecord;
import org.cdhub.model.entity.SilverPerson;
import org.junit.jupiter.api.Test;

/** The community corrections' person_status reaching silver.person's status. */
class PersonStandardizerStatusTest {
  private static final String FEED = "community_correction";
  private static final String ID = TestPeople.idNumber("640106", "19400101", 7);

  private final PersonStandardizer standardizer = new PersonStandardizer(FeedMapping.of(SourceContracts.loadBundled(FEED)));

  private static Map<String, String> correction(String kind, String status) {
    Map<String, String> raw = new HashMap<>();
    raw.put("id", "41");
    raw.put("client_id", "community-north");
    raw.put("community_code", "640106001001");
    raw.put("master_id", "P-1");
    raw.put("id_number", ID);
    raw.put("kind", kind);
    if (status != null) {
      raw.put("person_status", status);
    }
    raw.put("effective_date", "2026-12-01");
    raw.put("received_at", "1764979200000");
    return raw;
  }

  @Test
  void aDeceasedCorrectionCarriesItsStatusIntoSilver() {
    SilverPerson p = StandardizerTestRows.silver(standardizer, FEED, correction("DECEASED", "DECEASED"));

    assertThat(p.status()).isEqualTo(PersonStatus.DECEASED);
    assertThat(p.idNumber()).isEqualTo(ID);
    assertThat(p.trustRank()).isEqualTo(98);
  }

  @Test
  void aMovedOutCorrectionIsMovedOutAndAPhoneCorrectionAssertsNoStatus() {
    assertThat(StandardizerTestRows.silver(standardizer, FEED, correction("MOVED_OUT", " MOVED_OUT ")).status())
        .isEqualTo(PersonStatus.MOVED_OUT);
    Map<String, String> phone = correction("PHONE", null);
    phone.put("phone", "13800138000");
    assertThat(StandardizerTestRows.silver(standardizer, FEED, phone).status()).isNull();
  }

  @Test
  void quarantinesAnUnknownStatusNamingTheFieldAndRuleRatherThanReadingItAsAResident() {
    QuarantinedRecord q = StandardizerTestRows.quarantined(standardizer, FEED, correction("DECEASED", "DEAD"));

    assertThat(q.field()).isEqualTo("person_status");
    assertThat(q.rule()).isEqualTo(PersonStandardizer.FIELD_ALLOWED_VALUES);
    assertThat(q.reason()).contains("person_status");
  }

  @Test
  void theStatusCheckRejectsAnythingButAStatusNameForContractsWithoutAllowedValues() {
    Checked<PersonStatus> lower = PersonStandardizer.status("deceased");

    assertThat(lower.valid()).isFalse();
    assertThat(lower.rule()).isEqualTo(PersonStandardizer.RULE_STATUS);
    assertThat(lower.reason()).contains("MOVED_OUT").contains("DECEASED").contains("deceased");
    assertThat(PersonStandardizer.status("MOVED_OUT").value()).isEqualTo(PersonStatus.MOVED_OUT);
  }
}
