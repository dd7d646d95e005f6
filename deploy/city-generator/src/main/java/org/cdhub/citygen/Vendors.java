package org.cdhub.citygen;

import java.util.List;
import org.cdhub.citygen.Places.Compound;
import org.cdhub.citygen.Places.House;

/** How the two compound vendors name compounds, devices and places in their own systems. */
final class Vendors {
  static final List<String> GATES = List.of("东门", "北门", "南门", "西门");

  private Vendors() {}

  /** 海视智联 (access control) project code. */
  static String accessEstateCode(Compound c) {
    return "HS-" + c.housingCode().substring(2);
  }

  /** 星云物联 (IoT platform) estate id. */
  static String iotEstateCode(Compound c) {
    return "yc" + c.housingCode().substring(4);
  }

  /** A house as vendors write it: building-unit-room. */
  static String room(House h) {
    return h.building().number() + "-" + h.unit() + "-" + h.room();
  }

  /** The name a vendor's installer gave the device. */
  static String deviceName(Device d, int gateIndex) {
    return switch (d.type()) {
      case FACE_GATE -> d.building() == null ? GATES.get(gateIndex % GATES.size()) + "人脸门禁"
          : d.building().number() + "号楼" + d.unit() + "单元门禁";
      case PLATE_CAMERA -> GATES.get(gateIndex % GATES.size()) + "车辆道闸";
      case SMOKE_DETECTOR -> room(d.house()) + "烟感";
      case GAS_DETECTOR -> room(d.house()) + "燃气报警器";
      case WATER_METER -> room(d.house()) + "水表";
    };
  }

  /** Where the device is installed, as the vendor's system records it. */
  static String installAddress(Device d, int gateIndex) {
    if (d.house() != null) {
      return room(d.house());
    }
    if (d.building() != null) {
      return d.building().number() + "号楼" + d.unit() + "单元";
    }
    return GATES.get(gateIndex % GATES.size());
  }

  /** Romanized name as the access-control system stores it: "Zhang Sanfeng", "ZHANG SANFENG" or "zhangsanfeng". */
  static String pinyinName(NameForms names, Person p, int style) {
    List<String> syllables = names.syllables(p.name());
    int surname = Math.min(p.surnameLength(), syllables.size());
    String family = String.join("", syllables.subList(0, surname));
    String given = String.join("", syllables.subList(surname, syllables.size()));
    return switch (style) {
      case 0 -> capitalize(family) + " " + capitalize(given);
      case 1 -> (family + " " + given).toUpperCase(java.util.Locale.ROOT);
      default -> family + given;
    };
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
