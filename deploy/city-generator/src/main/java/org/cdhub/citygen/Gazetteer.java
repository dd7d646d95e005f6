package org.cdhub.citygen;

import java.util.List;

/**
 * The fixed geography the city is drawn on: Yinchuan's six county-level divisions with their
 * real codes and names, their subdistricts (街道) and towns (镇/乡), and the word pools that
 * community, compound, road and company names are made from. Street codes follow the
 * statistical division convention (街道 0xx, 镇 1xx, 乡 2xx); communities (居委会) get 0xx.
 */
final class Gazetteer {
  static final String PROVINCE = "宁夏回族自治区";
  static final String CITY = "银川市";
  static final String CITY_CODE = "640100";

  enum StreetKind { SUBDISTRICT, TOWN, TOWNSHIP }

  /** A county-level division; {@code legacyCodes} were in use before the 2002 reorganisation. */
  record District(String code, String name, double populationShare, List<String> legacyCodes, List<String> roads) {}

  record Street(District district, String code, String name, StreetKind kind) {}

  static final District XINGQING = new District("640104", "兴庆区", 0.30, List.of("640102", "640111"),
      List.of("解放西街", "文化东街", "新华东街", "中山南街", "民族北街", "玉皇阁北街", "清和街", "丽景街", "凤凰北街", "胜利南街", "银古路", "掌政路"));
  static final District XIXIA = new District("640105", "西夏区", 0.17, List.of("640103", "640111"),
      List.of("北京西路", "怀远路", "文萃路", "贺兰山西路", "朔方路", "宁华路", "学院路", "同心路", "西夏大街"));
  static final District JINFENG = new District("640106", "金凤区", 0.18, List.of("640111", "640102"),
      List.of("北京中路", "正源街", "亲水大街", "黄河东路", "长城中路", "宁安大街", "上海西路", "阅海路", "湖畔路", "满城北街"));
  static final District YONGNING = new District("640121", "永宁县", 0.11, List.of("640121"),
      List.of("杨和街", "宁和路", "团结西路", "望远大道", "闽宁大道", "胜利路"));
  static final District HELAN = new District("640122", "贺兰县", 0.12, List.of("640122"),
      List.of("富兴街", "银河路", "习岗街", "金贵路", "常信路", "立岗路"));
  static final District LINGWU = new District("640181", "灵武市", 0.12, List.of("642123"),
      List.of("东塔街", "灵州路", "宁东大道", "朔方路", "崇兴路", "郝家桥路"));

  static final List<District> DISTRICTS = List.of(XINGQING, XIXIA, JINFENG, YONGNING, HELAN, LINGWU);

  /** Streets in code order per district; subdistricts first, they hold most communities. */
  static final List<Street> STREETS = List.of(
      new Street(XINGQING, "640104001", "凤凰北街街道", StreetKind.SUBDISTRICT),
      new Street(XINGQING, "640104002", "解放西街街道", StreetKind.SUBDISTRICT),
      new Street(XINGQING, "640104003", "文化街街道", StreetKind.SUBDISTRICT),
      new Street(XINGQING, "640104004", "富宁街街道", StreetKind.SUBDISTRICT),
      new Street(XINGQING, "640104005", "新华街街道", StreetKind.SUBDISTRICT),
      new Street(XINGQING, "640104006", "玉皇阁北街街道", StreetKind.SUBDISTRICT),
      new Street(XINGQING, "640104007", "前进街街道", StreetKind.SUBDISTRICT),
      new Street(XINGQING, "640104008", "中山南街街道", StreetKind.SUBDISTRICT),
      new Street(XINGQING, "640104009", "银古路街道", StreetKind.SUBDISTRICT),
      new Street(XINGQING, "640104010", "胜利街街道", StreetKind.SUBDISTRICT),
      new Street(XINGQING, "640104011", "丽景街街道", StreetKind.SUBDISTRICT),
      new Street(XINGQING, "640104100", "掌政镇", StreetKind.TOWN),
      new Street(XINGQING, "640104101", "大新镇", StreetKind.TOWN),
      new Street(XINGQING, "640104200", "通贵乡", StreetKind.TOWNSHIP),
      new Street(XINGQING, "640104201", "月牙湖乡", StreetKind.TOWNSHIP),
      new Street(XIXIA, "640105001", "西花园路街道", StreetKind.SUBDISTRICT),
      new Street(XIXIA, "640105002", "朔方路街道", StreetKind.SUBDISTRICT),
      new Street(XIXIA, "640105003", "宁华路街道", StreetKind.SUBDISTRICT),
      new Street(XIXIA, "640105004", "贺兰山西路街道", StreetKind.SUBDISTRICT),
      new Street(XIXIA, "640105005", "文昌路街道", StreetKind.SUBDISTRICT),
      new Street(XIXIA, "640105006", "北京西路街道", StreetKind.SUBDISTRICT),
      new Street(XIXIA, "640105100", "兴泾镇", StreetKind.TOWN),
      new Street(XIXIA, "640105101", "镇北堡镇", StreetKind.TOWN),
      new Street(JINFENG, "640106001", "满城北街街道", StreetKind.SUBDISTRICT),
      new Street(JINFENG, "640106002", "黄河东路街道", StreetKind.SUBDISTRICT),
      new Street(JINFENG, "640106003", "长城中路街道", StreetKind.SUBDISTRICT),
      new Street(JINFENG, "640106004", "北京中路街道", StreetKind.SUBDISTRICT),
      new Street(JINFENG, "640106005", "上海西路街道", StreetKind.SUBDISTRICT),
      new Street(JINFENG, "640106100", "良田镇", StreetKind.TOWN),
      new Street(JINFENG, "640106101", "丰登镇", StreetKind.TOWN),
      new Street(YONGNING, "640121100", "杨和镇", StreetKind.TOWN),
      new Street(YONGNING, "640121101", "李俊镇", StreetKind.TOWN),
      new Street(YONGNING, "640121102", "望远镇", StreetKind.TOWN),
      new Street(YONGNING, "640121103", "望洪镇", StreetKind.TOWN),
      new Street(YONGNING, "640121104", "闽宁镇", StreetKind.TOWN),
      new Street(YONGNING, "640121200", "胜利乡", StreetKind.TOWNSHIP),
      new Street(HELAN, "640122001", "富兴街街道", StreetKind.SUBDISTRICT),
      new Street(HELAN, "640122100", "习岗镇", StreetKind.TOWN),
      new Street(HELAN, "640122101", "金贵镇", StreetKind.TOWN),
      new Street(HELAN, "640122102", "立岗镇", StreetKind.TOWN),
      new Street(HELAN, "640122103", "洪广镇", StreetKind.TOWN),
      new Street(HELAN, "640122200", "常信乡", StreetKind.TOWNSHIP),
      new Street(LINGWU, "640181100", "东塔镇", StreetKind.TOWN),
      new Street(LINGWU, "640181101", "宁东镇", StreetKind.TOWN),
      new Street(LINGWU, "640181102", "临河镇", StreetKind.TOWN),
      new Street(LINGWU, "640181103", "马家滩镇", StreetKind.TOWN),
      new Street(LINGWU, "640181104", "郝家桥镇", StreetKind.TOWN),
      new Street(LINGWU, "640181105", "崇兴镇", StreetKind.TOWN),
      new Street(LINGWU, "640181200", "梧桐树乡", StreetKind.TOWNSHIP));

  /** Community name stems; none holds 区/县/市/镇/乡/小, so addresses parse back unambiguously. */
  static final List<String> COMMUNITY_WORDS = List.of(
      "丽景", "民乐", "康馨", "春晖", "宝湖", "塞上", "银湖", "凤凰", "文化", "光明", "幸福", "友爱",
      "新华", "建设", "团结", "和顺", "福宁", "湖滨", "燕鸽", "海宝", "阅海", "长城", "北塔", "唐徕",
      "西夏", "朔方", "文昌", "艾依", "正丰", "宁安", "清和", "丰庆", "紫园", "兴庆", "中山", "鼓楼",
      "南薰", "银古", "掌政", "良田", "望远", "习岗", "灵州", "金波", "满春", "和平", "安康", "永康",
      "泰和", "兴源", "怀远", "贺兰", "宁华", "黄河", "金凤", "红花", "通达", "利民", "惠民", "康乐",
      "同心", "振兴", "富康", "锦绣", "育才", "明珠", "芦花", "枸杞", "沙湖", "鸣翠", "宁朔", "月湖");

  static final List<String> DIRECTIONS = List.of("", "东", "西", "南", "北");

  /** Compound name stems and suffixes; every suffix is one the address parser recognises. */
  static final List<String> COMPOUND_WORDS = List.of(
      "丽景湾", "阅海万家", "宝湖", "枕水", "亲水", "银湖", "湖畔", "金凤", "凤凰城", "塞上江南", "贺兰山",
      "西湖", "海宝", "燕鸽", "长城", "北塔", "唐徕", "西夏", "朔方", "文昌", "艾依", "正丰", "宁安",
      "民族", "清和", "丰庆", "紫园", "兴庆", "中山", "鼓楼", "玉皇阁", "南薰", "光明", "银古", "掌政",
      "良田", "望远", "习岗", "灵州", "滨河", "森林", "万达", "恒大", "碧桂园", "绿地", "中房", "润恒",
      "金地", "泰和", "天鹅湖", "观湖", "悦府", "锦绣", "大地", "宁阳", "通达", "康居", "鑫和", "世纪",
      "紫荆", "翠湖", "金水", "华雁", "香山", "建发", "融创", "新城", "东方", "金茂", "嘉和", "怡景");
  static final List<String> COMPOUND_SUFFIXES = List.of(
      "小区", "花园", "家园", "苑", "名苑", "新村", "嘉园", "雅苑", "公馆", "湾", "华庭", "府", "山庄", "国际", "名都");

  static final List<String> PROPERTY_COMPANY_WORDS = List.of(
      "宁夏中房", "银川新城", "塞上", "宁夏万嘉", "银川阅海", "宁夏润恒", "宁夏建工", "银川鑫和", "宁夏金宇",
      "银川华夏", "宁夏绿城", "银川宝湖", "宁夏恒信", "银川泰和", "宁夏嘉禾", "宁夏银泰", "银川宁安", "宁夏德润");
  static final List<String> BUSINESS_CHARS = List.of(
      "鑫", "盛", "隆", "泰", "源", "达", "恒", "瑞", "丰", "汇", "祥", "顺", "宏", "华", "德", "信", "嘉",
      "合", "联", "正", "博", "创", "远", "通", "安", "康", "和", "新", "金", "银", "天", "宇", "星", "鸿",
      "晟", "峰", "锦", "润", "成", "佳", "诚", "益", "兴", "腾", "海", "辉", "启", "凯");
  static final List<String> INDUSTRIES = List.of(
      "商贸", "科技", "建筑工程", "餐饮管理", "物流", "信息技术", "文化传媒", "农业开发", "医药", "装饰工程",
      "机电设备", "汽车服务", "环保科技", "枸杞", "清真食品", "教育咨询", "家政服务", "电子商务", "酒店管理", "劳务");
  static final List<String> SHOP_KINDS = List.of(
      "牛肉拉面馆", "便利店", "手抓羊肉馆", "五金店", "理发店", "水果店", "药店", "烧烤店", "干洗店", "快递驿站", "粮油店", "修车铺");

  private Gazetteer() {}

  static List<Street> streetsOf(District district) {
    return STREETS.stream().filter(s -> s.district() == district).toList();
  }
}
