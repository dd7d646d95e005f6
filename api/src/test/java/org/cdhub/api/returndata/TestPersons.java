package org.cdhub.api.returndata;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.cdhub.kernel.CitizenIdNumber;
import org.cdhub.kernel.Sex;
import org.cdhub.model.entity.MasterPerson;

/** Seeded, made-up golden persons with valid citizen ID numbers; no real personal data. */
public final class TestPersons {
  private static final String[] SURNAMES = {"张", "王", "李", "赵", "马", "杨", "欧阳", "周", "吴", "孙"};
  private static final String[] GIVEN = {"伟", "芳", "秀英", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰"};
  private static final String[] TAGS = {"ELDERLY_ALONE", "DISABLED", "VETERAN"};
  private static final String REGION = "640106";

  private TestPersons() {}

  /** Grids per community of the generated persons. */
  public static final int GRIDS = 3;

  /** The grid of person number {@code n}: the community code and 001..003, round robin. */
  public static String gridOf(String communityCode, int n) {
    return communityCode + String.format("%03d", 1 + n % GRIDS);
  }

  /**
   * {@code count} persons of one community with master ids {@code P-<community>-<n>}, n from
   * {@code firstNumber}; shuffled so that the table's row order is not the master-id order.
   */
  public static List<MasterPerson> of(String communityCode, int firstNumber, int count, long seed) {
    Random random = new Random(seed);
    List<MasterPerson> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int n = firstNumber + i;
      LocalDate birth = LocalDate.of(1930 + random.nextInt(90), 1 + random.nextInt(12), 1 + random.nextInt(28));
      int sequence = 100 + random.nextInt(900);
      Sex sex = sequence % 2 == 1 ? Sex.MALE : Sex.FEMALE;
      String first17 = REGION + birth.toString().replace("-", "") + sequence;
      String idNumber = first17 + CitizenIdNumber.checkCharacter(first17);
      String name = SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)]
          + (random.nextBoolean() ? GIVEN[random.nextInt(GIVEN.length)] : "");
      String phone = "139" + String.format("%08d", random.nextInt(100_000_000));
      String address = "金凤区长城中路街道丽景社区丽景湾小区" + (1 + random.nextInt(20)) + "号楼"
          + (1 + random.nextInt(4)) + "单元" + (101 + random.nextInt(20) * 100 + random.nextInt(4)) + "室";
      List<String> tags = random.nextInt(5) == 0 ? List.of(TAGS[random.nextInt(TAGS.length)]) : List.of();
      out.add(new MasterPerson(
          String.format("P-%s-%05d", communityCode, n), idNumber, null, name, null, sex, birth, phone, address,
          "H-" + communityCode + "-" + (n % 50), REGION, communityCode, gridOf(communityCode, n), tags, null,
          Map.of("name", "hr_household"), 1 + random.nextInt(3), Instant.parse("2026-11-01T08:00:00Z")));
    }
    java.util.Collections.shuffle(out, random);
    return out;
  }
}
