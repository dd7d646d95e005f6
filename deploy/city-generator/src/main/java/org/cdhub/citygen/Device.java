package org.cdhub.citygen;

import java.time.LocalDate;
import org.cdhub.citygen.Places.Building;
import org.cdhub.citygen.Places.Compound;
import org.cdhub.citygen.Places.House;

/**
 * A device in a smart compound. Gates and cameras hang at the compound or a building unit;
 * detectors and meters in a house. {@code building}, {@code unit} and {@code house} are
 * null/0 where they do not apply.
 */
record Device(String serial, Type type, Compound compound, Building building, int unit, House house, LocalDate installed, String model) {
  enum Type {
    FACE_GATE("人脸识别门禁", "海视智联"),
    PLATE_CAMERA("车牌识别摄像机", "海视智联"),
    SMOKE_DETECTOR("独立式烟感探测器", "星云物联"),
    GAS_DETECTOR("可燃气体探测器", "星云物联"),
    WATER_METER("NB-IoT智能水表", "星云物联");

    final String label;
    final String vendor;

    Type(String label, String vendor) {
      this.label = label;
      this.vendor = vendor;
    }
  }

  String trueId() {
    return "T-" + serial;
  }
}
