package org.cdhub.citygen;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.cdhub.citygen.Places.House;
import org.cdhub.kernel.Sex;

/**
 * A true resident. Feeds describe this person with noise; the truth files name the person by
 * {@code trueId}. {@code ownPhone} is the person's own mobile (null for small children and some
 * elderly); {@code contactPhone} is what registries record, often a relative's.
 */
record Person(
    String trueId,
    String name,
    int surnameLength,
    Sex sex,
    LocalDate birthDate,
    String idNumber,
    String ownPhone,
    String contactPhone,
    Ethnicity ethnicity,
    String householdId,
    String householdNo,
    House house,
    Relation relation,
    int householdSize,
    Disability disability,
    Veteran veteran,
    boolean subsistence,
    boolean hypertension,
    boolean diabetes,
    boolean severeMentalDisorder) {

  /** Reference date of the city: every age and every timestamp is relative to it. */
  static final LocalDate EPOCH = LocalDate.of(2026, 1, 1);

  /** Age in whole years on {@link #EPOCH}. */
  int age() {
    int years = EPOCH.getYear() - birthDate.getYear();
    boolean birthdayAhead = birthDate.getMonthValue() > EPOCH.getMonthValue()
        || birthDate.getMonthValue() == EPOCH.getMonthValue() && birthDate.getDayOfMonth() > EPOCH.getDayOfMonth();
    return birthdayAhead ? years - 1 : years;
  }

  boolean elderlyAlone() {
    return householdSize == 1 && age() >= 60;
  }

  String surname() {
    return name.substring(0, surnameLength);
  }

  /** Key-population tags, as the gold layer should end up with them. */
  List<String> tags() {
    List<String> tags = new ArrayList<>();
    if (elderlyAlone()) {
      tags.add("ELDERLY_ALONE");
    }
    if (age() >= 60) {
      tags.add("ELDERLY");
    }
    if (age() < 18) {
      tags.add("MINOR");
    }
    if (disability != null) {
      tags.add("DISABLED");
    }
    if (severeMentalDisorder) {
      tags.add("MENTAL_DISORDER");
    }
    if (veteran != null) {
      tags.add("VETERAN");
    }
    if (subsistence) {
      tags.add("SUBSISTENCE_ALLOWANCE");
    }
    return tags;
  }

  /** Relation to the head of household: GB/T 4761 code and the Chinese word rosters write. */
  enum Relation {
    HEAD("01", "本人"),
    SPOUSE("10", "配偶"),
    CHILD("20", "子女"),
    GRANDCHILD("40", "孙子女"),
    PARENT("50", "父母"),
    OTHER("99", "其他");

    final String code;
    final String label;

    Relation(String code, String label) {
      this.code = code;
      this.label = label;
    }
  }

  /** GB 3304 ethnicity codes of the groups living in Yinchuan. */
  enum Ethnicity {
    HAN("01", "汉族"),
    MONGOL("02", "蒙古族"),
    HUI("03", "回族"),
    MANCHU("11", "满族"),
    TUJIA("15", "土家族");

    final String code;
    final String label;

    Ethnicity(String code, String label) {
      this.code = code;
      this.label = label;
    }
  }

  /** A disability certificate (残疾人证): category 1-7 and grade 1-4 end the certificate number. */
  record Disability(int category, int grade, LocalDate issued) {
    static final List<String> CATEGORIES = List.of("视力", "听力", "言语", "肢体", "智力", "精神", "多重");
    static final List<String> GRADES = List.of("一级", "二级", "三级", "四级");

    String categoryLabel() {
      return CATEGORIES.get(category - 1) + "残疾";
    }

    String gradeLabel() {
      return GRADES.get(grade - 1);
    }
  }

  /** Military service: enlisted and discharged (year and month), category and placement. */
  record Veteran(LocalDate enlisted, LocalDate discharged, String category, String placement) {}
}
