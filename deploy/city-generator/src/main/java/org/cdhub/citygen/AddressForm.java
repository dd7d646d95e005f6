package org.cdhub.citygen;

import org.cdhub.citygen.Gazetteer.District;
import org.cdhub.citygen.Places.Building;
import org.cdhub.citygen.Places.Community;
import org.cdhub.citygen.Places.Compound;
import org.cdhub.citygen.Places.House;

/**
 * The ways one address is written across departments. {@link #DISTRICT_FULL} is the standard
 * form (金凤区长城中路街道丽景社区丽景湾小区3号楼2单元501室); the others add or drop levels
 * or spell numbers differently, as real exports do.
 */
enum AddressForm {
  /** 宁夏回族自治区银川市金凤区长城中路街道丽景社区丽景湾小区3号楼2单元501室 */
  PROVINCE_FULL,
  /** 银川市金凤区长城中路街道丽景社区丽景湾小区3号楼2单元501室 */
  CITY_FULL,
  /** 金凤区长城中路街道丽景社区丽景湾小区3号楼2单元501室 (the standard form) */
  DISTRICT_FULL,
  /** 银川市金凤区丽景湾小区3号楼2单元501室 */
  CITY_NO_STREET,
  /** 丽景湾3-2-501 */
  DASHED,
  /** 金凤区丽景湾小区三号楼二单元五零一室 */
  CHINESE_NUMERALS,
  /** 金凤区丽景社区丽景湾小区3栋2单元501 */
  BUILDING_VARIANT;

  String render(House house) {
    Building b = house.building();
    Compound c = b.compound();
    Community community = c.community();
    District d = community.district();
    String street = community.street().name();
    String standardTail = b.number() + "号楼" + house.unit() + "单元" + house.room() + "室";
    return switch (this) {
      case PROVINCE_FULL -> Gazetteer.PROVINCE + Gazetteer.CITY + d.name() + street + community.name() + c.name() + standardTail;
      case CITY_FULL -> Gazetteer.CITY + d.name() + street + community.name() + c.name() + standardTail;
      case DISTRICT_FULL -> d.name() + street + community.name() + c.name() + standardTail;
      case CITY_NO_STREET -> Gazetteer.CITY + d.name() + c.name() + standardTail;
      case DASHED -> shortName(c) + b.number() + "-" + house.unit() + "-" + house.room();
      case CHINESE_NUMERALS -> d.name() + c.name() + Numerals.chinese(b.number()) + "号楼" + Numerals.chinese(house.unit()) + "单元"
          + Numerals.spelled(house.room()) + "室";
      case BUILDING_VARIANT -> d.name() + community.name() + c.name() + b.number() + ((b.number() & 1) == 0 ? "栋" : "幢")
          + house.unit() + "单元" + house.room();
    };
  }

  /** Where a compound is, without a house: for incidents and devices at the gate. */
  static String compoundAddress(Compound c) {
    Community community = c.community();
    return community.district().name() + community.street().name() + community.name() + c.name();
  }

  /** The compound name as people shorten it: 丽景湾小区 -> 丽景湾. */
  static String shortName(Compound c) {
    String name = c.name();
    return name.endsWith("小区") ? name.substring(0, name.length() - 2) : name;
  }

  /** Weights over the forms: how one feed mixes them. */
  record Mix(double... weights) {
    Mix {
      if (weights.length != values().length) {
        throw new IllegalArgumentException("Invalid address mix: need " + values().length + " weights, got " + weights.length);
      }
    }

    AddressForm pick(CityRandom rng) {
      return values()[rng.weighted(weights)];
    }
  }
}
