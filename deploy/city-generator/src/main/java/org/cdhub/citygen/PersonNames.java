package org.cdhub.citygen;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cdhub.kernel.Sex;

/**
 * Chinese names as Yinchuan's registry holds them: surnames weighted as in Ningxia (马, 杨,
 * 丁, 海, 纳 are common Hui surnames), given names drawn from pools that changed with the
 * generation, and homophones (同音字) for the characters a clerk mistypes.
 */
final class PersonNames {
  private static final String[] SURNAMES = {
      "王", "李", "张", "马", "刘", "杨", "陈", "赵", "周", "孙", "高", "郭", "田", "胡", "朱", "黄", "吴", "徐",
      "丁", "韩", "何", "白", "冯", "魏", "苏", "罗", "董", "贺", "海", "金", "谢", "薛", "姚", "纳", "林", "余",
      "穆", "沙", "锁", "拓", "欧阳", "司马"};
  private static final double[] SURNAME_WEIGHTS = {
      7.5, 7, 6.5, 6, 5, 4, 2.5, 2.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.2, 1.2, 1.2, 1.2, 1.2,
      1.2, 1, 1, 1, 0.9, 0.9, 0.8, 0.8, 0.8, 0.7, 0.6, 0.6, 0.6, 0.6, 0.5, 0.4, 0.5, 0.4,
      0.4, 0.3, 0.2, 0.2, 0.1, 0.05};

  // Given-name characters by generation: born before 1970, 1970-1994, 1995 and later.
  private static final String MALE_OLD = "国建军华明德文志永福强伟刚平林成东亮峰";
  private static final String MALE_MID = "伟强磊涛杰斌辉鹏宁东峰超浩军刚明亮俊";
  private static final String MALE_YOUNG = "浩宇轩博俊子晨睿泽一嘉天星龙云鑫飞";
  private static final String FEMALE_OLD = "秀兰英芳桂珍玉梅凤霞丽敏红";
  private static final String FEMALE_MID = "丽敏静娟燕红艳玲婷雪芳慧倩";
  private static final String FEMALE_YOUNG = "琳欣怡萱诗涵雨梓思佳晓婉一子";

  /** Each given-name character and characters read the same (tone aside): 同音字 typos. */
  private static final Map<Character, String> HOMOPHONES = homophones(
      "国郭", "建健剑", "军君骏", "华花桦", "明铭鸣", "德得", "文雯闻", "志智治", "永勇咏", "福富甫", "强锵墙",
      "伟玮炜", "刚钢纲", "平萍苹", "林琳霖", "涛韬滔", "杰洁捷", "斌彬滨", "辉慧晖", "鹏朋彭", "宁凝柠",
      "东冬栋", "成诚承", "亮良谅", "峰锋丰", "磊蕾雷", "超巢潮", "浩昊皓", "宇雨羽", "轩萱宣", "博波搏",
      "俊骏峻", "子梓紫", "晨辰琛", "睿瑞锐", "泽择", "一逸怡", "嘉佳家", "天田甜", "星兴醒", "龙隆珑",
      "云芸韵", "鑫欣新", "飞菲非", "秀修琇", "兰岚蓝", "英莹颖", "芳方舫", "桂贵瑰", "珍真贞", "玉钰育",
      "梅美玫", "凤枫奉", "霞夏侠", "丽莉俐", "敏民珉", "静晶婧", "娟鹃涓", "燕艳妍", "红虹洪", "艳燕焱",
      "玲铃羚", "婷亭庭", "雪学薛", "琳林霖", "欣鑫馨", "怡宜仪", "萱轩璇", "诗师施", "涵寒含", "雨语宇",
      "梓子紫", "思丝斯", "佳嘉家", "晓小筱", "婉宛琬", "倩芊谦", "慧惠辉");

  private PersonNames() {}

  private static Map<Character, String> homophones(String... groups) {
    Map<Character, String> m = new TreeMap<>();
    for (String g : groups) {
      m.put(g.charAt(0), g.substring(1));
    }
    return m;
  }

  static String surname(CityRandom rng) {
    return SURNAMES[rng.weighted(SURNAME_WEIGHTS)];
  }

  /** A given name for someone of this sex born in {@code birthYear}: 1 or 2 characters. */
  static String givenName(CityRandom rng, Sex sex, int birthYear) {
    String pool = sex == Sex.MALE
        ? (birthYear < 1970 ? MALE_OLD : birthYear < 1995 ? MALE_MID : MALE_YOUNG)
        : (birthYear < 1970 ? FEMALE_OLD : birthYear < 1995 ? FEMALE_MID : FEMALE_YOUNG);
    double single = birthYear < 1995 ? 0.22 : 0.12;
    if (rng.chance(single)) {
      return String.valueOf(rng.pick(pool));
    }
    char a = rng.pick(pool);
    char b = rng.pick(pool);
    if (b == a && rng.chance(0.7)) {
      b = rng.pick(pool); // reduplicated names (婷婷) exist, but less often than a uniform draw gives
    }
    return "" + a + b;
  }

  /** {@code name} with one given-name character replaced by a homophone, or null if none has one. */
  static String withHomophone(CityRandom rng, String name, int surnameLength) {
    int given = name.length() - surnameLength;
    if (given <= 0) {
      return null;
    }
    int start = rng.nextInt(given);
    for (int k = 0; k < given; k++) {
      int i = surnameLength + (start + k) % given;
      String alternatives = HOMOPHONES.get(name.charAt(i));
      if (alternatives != null) {
        return name.substring(0, i) + rng.pick(alternatives) + name.substring(i + 1);
      }
    }
    return null;
  }

  static List<Character> homophoneKeys() {
    return List.copyOf(HOMOPHONES.keySet());
  }

  static String allGivenNameCharacters() {
    return MALE_OLD + MALE_MID + MALE_YOUNG + FEMALE_OLD + FEMALE_MID + FEMALE_YOUNG;
  }
}
