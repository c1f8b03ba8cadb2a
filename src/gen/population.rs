//! The population of reporting agencies: central ministries, provinces, prefectures, counties,
//! townships and their departments, with real place names (a built-in list until the gazetteer lands).

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

/// One reporting agency and what the truth says about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Agency {
    pub name: String,
    pub level: &'static str,
    pub kind: &'static str,
    pub province: Option<&'static str>,
    pub prefecture: Option<&'static str>,
    pub county: Option<&'static str>,
}

/// (province, [(prefecture, [(county, [townships])])]). Municipalities have no prefecture level.
type County = (&'static str, &'static [&'static str]);
type Prefecture = (&'static str, &'static [County]);
pub struct Province {
    pub name: &'static str,
    pub municipality: bool,
    pub prefectures: &'static [Prefecture],
}

pub const PROVINCES: &[Province] = &[
    Province {
        name: "四川省",
        municipality: false,
        prefectures: &[
            (
                "乐山市",
                &[
                    ("五通桥区", &["竹根镇", "牛华镇", "金粟镇"]),
                    ("峨眉山市", &["绥山镇", "黄湾镇"]),
                    ("沙湾区", &["沙湾镇", "嘉农镇"]),
                    ("犍为县", &["玉津镇", "清溪镇"]),
                ],
            ),
            (
                "成都市",
                &[
                    ("武侯区", &["簇锦街道", "金花桥街道"]),
                    ("新津区", &["五津街道", "花源街道"]),
                ],
            ),
            (
                "宜宾市",
                &[("翠屏区", &["李庄镇", "白花镇"]), ("屏山县", &["屏山镇", "新市镇"])],
            ),
        ],
    },
    Province {
        name: "湖南省",
        municipality: false,
        prefectures: &[
            (
                "常德市",
                &[
                    ("武陵区", &["芙蓉街道", "河洑镇"]),
                    ("桃源县", &["漳江街道", "陬市镇"]),
                    ("津市市", &["新洲镇"]),
                ],
            ),
            (
                "长沙市",
                &[("岳麓区", &["望岳街道", "莲花镇"]), ("浏阳市", &["集里街道", "大瑶镇"])],
            ),
        ],
    },
    Province {
        name: "甘肃省",
        municipality: false,
        prefectures: &[
            (
                "平凉市",
                &[
                    ("崆峒区", &["东关街道", "西郊街道", "柳湖镇"]),
                    ("泾川县", &["城关镇", "玉都镇"]),
                ],
            ),
            (
                "天水市",
                &[("秦州区", &["大城街道", "中梁镇"]), ("甘谷县", &["大像山镇", "新兴镇"])],
            ),
        ],
    },
    Province {
        name: "吉林省",
        municipality: false,
        prefectures: &[
            (
                "白山市",
                &[
                    ("江源区", &["孙家堡子街道", "湾沟镇"]),
                    ("抚松县", &["抚松镇", "松江河镇"]),
                ],
            ),
            (
                "长春市",
                &[("朝阳区", &["前进街道", "永春镇"]), ("农安县", &["农安镇", "合隆镇"])],
            ),
        ],
    },
    Province {
        name: "福建省",
        municipality: false,
        prefectures: &[
            (
                "福州市",
                &[
                    ("鼓楼区", &["鼓东街道", "洪山镇"]),
                    ("平潭县", &["潭城镇", "苏澳镇"]),
                    ("闽侯县", &["甘蔗街道", "上街镇"]),
                ],
            ),
            (
                "莆田市",
                &[("城厢区", &["龙桥街道", "华亭镇"]), ("仙游县", &["鲤城街道", "榜头镇"])],
            ),
        ],
    },
    Province {
        name: "江苏省",
        municipality: false,
        prefectures: &[
            (
                "南京市",
                &[
                    ("鼓楼区", &["宁海路街道", "华侨路街道"]),
                    ("江宁区", &["东山街道", "湖熟街道"]),
                ],
            ),
            (
                "苏州市",
                &[("吴江区", &["松陵街道", "震泽镇"]), ("昆山市", &["玉山镇", "周市镇"])],
            ),
        ],
    },
    Province {
        name: "安徽省",
        municipality: false,
        prefectures: &[
            (
                "合肥市",
                &[("巢湖市", &["卧牛山街道", "柘皋镇"]), ("肥东县", &["店埠镇", "撮镇镇"])],
            ),
            (
                "安庆市",
                &[
                    ("大观区", &["德宽路街道", "海口镇"]),
                    ("桐城市", &["龙腾街道", "孔城镇"]),
                ],
            ),
        ],
    },
    Province {
        name: "广东省",
        municipality: false,
        prefectures: &[
            (
                "广州市",
                &[
                    ("天河区", &["石牌街道", "五山街道"]),
                    ("从化区", &["街口街道", "太平镇"]),
                ],
            ),
            (
                "韶关市",
                &[("武江区", &["新华街道", "龙归镇"]), ("乐昌市", &["乐城街道", "坪石镇"])],
            ),
        ],
    },
    Province {
        name: "重庆市",
        municipality: true,
        prefectures: &[(
            "",
            &[
                ("巫溪县", &["峰灵镇", "宁河街道", "城厢镇"]),
                ("渝中区", &["解放碑街道", "朝天门街道"]),
                ("万州区", &["高笋塘街道", "分水镇"]),
            ],
        )],
    },
    Province {
        name: "上海市",
        municipality: true,
        prefectures: &[(
            "",
            &[
                ("浦东新区", &["陆家嘴街道", "川沙新镇"]),
                ("徐汇区", &["天平路街道", "华泾镇"]),
            ],
        )],
    },
    Province {
        name: "北京市",
        municipality: true,
        prefectures: &[(
            "",
            &[
                ("东城区", &["东华门街道", "景山街道"]),
                ("大兴区", &["黄村镇", "礼贤镇"]),
            ],
        )],
    },
    Province {
        name: "天津市",
        municipality: true,
        prefectures: &[(
            "",
            &[
                ("滨海新区", &["塘沽街道", "大港街道"]),
                ("和平区", &["劝业场街道", "小白楼街道"]),
            ],
        )],
    },
];

const MINISTRIES: &[&str] = &[
    "教育部",
    "财政部",
    "自然资源部",
    "生态环境部",
    "交通运输部",
    "国家统计局",
    "海关总署",
    "国家林业和草原局",
];
const PROVINCE_DEPTS: &[&str] = &[
    "教育厅",
    "财政厅",
    "自然资源厅",
    "生态环境厅",
    "交通运输厅",
    "卫生健康委员会",
    "公安厅",
    "民政厅",
    "人力资源和社会保障厅",
    "住房和城乡建设厅",
    "市场监督管理局",
    "农业农村厅",
];
const LOCAL_DEPTS: &[&str] = &[
    "教育局",
    "财政局",
    "自然资源和规划局",
    "生态环境局",
    "交通运输局",
    "卫生健康局",
    "公安局",
    "民政局",
    "人力资源和社会保障局",
    "住房和城乡建设局",
    "市场监督管理局",
    "农业农村局",
    "扶贫开发办公室",
    "统计局",
    "审计局",
    "应急管理局",
    "水利局",
    "司法局",
];

fn pick<'a, T>(rng: &mut ChaCha8Rng, xs: &'a [T]) -> &'a T {
    &xs[rng.random_range(0..xs.len())]
}

/// Draws one agency. Weights follow the number of agencies per level: townships and county
/// departments are most of them.
pub fn draw(rng: &mut ChaCha8Rng) -> Agency {
    let p = pick(rng, PROVINCES);
    let (pref, counties) = *pick(rng, p.prefectures);
    let (county, towns) = *pick(rng, counties);
    let town = *pick(rng, towns);
    let pref_opt = (!p.municipality).then_some(pref);
    let roll: f64 = rng.random();
    let kind_roll: f64 = rng.random();
    let (level, kind) = match roll {
        x if x < 0.01 => ("central", "department"),
        x if x < 0.05 => ("province", kind_of(kind_roll)),
        x if x < 0.20 => ("prefecture", kind_of(kind_roll)),
        x if x < 0.65 => ("county", kind_of(kind_roll)),
        _ => ("township", "government"),
    };
    let level = if p.municipality && level == "prefecture" {
        "county"
    } else {
        level
    };
    let with_parent = rng.random_bool(0.5);
    let name = match (level, kind) {
        ("central", _) => (*pick(rng, MINISTRIES)).to_string(),
        ("province", "government") => format!("{}人民政府", p.name),
        ("province", "general_office") => format!("{}人民政府办公厅", p.name),
        ("province", _) => format!("{}{}", p.name, pick(rng, PROVINCE_DEPTS)),
        ("prefecture", "government") => format!("{pref}人民政府"),
        ("prefecture", "general_office") => format!("{pref}人民政府办公室"),
        ("prefecture", _) => format!("{pref}{}", pick(rng, LOCAL_DEPTS)),
        ("county", k) => {
            let prefix = if with_parent {
                if p.municipality {
                    p.name
                } else {
                    pref
                }
            } else {
                ""
            };
            match k {
                "government" => format!("{prefix}{county}人民政府"),
                "general_office" => format!("{prefix}{county}人民政府办公室"),
                _ => format!("{prefix}{county}{}", pick(rng, LOCAL_DEPTS)),
            }
        }
        _ => {
            let prefix = if with_parent { county } else { "" };
            if town.ends_with("街道") {
                format!("{prefix}{town}办事处")
            } else {
                format!("{prefix}{town}人民政府")
            }
        }
    };
    Agency {
        name,
        level,
        kind,
        province: (level != "central").then_some(p.name),
        prefecture: matches!(level, "prefecture" | "county" | "township")
            .then_some(pref_opt)
            .flatten(),
        county: matches!(level, "county" | "township").then_some(county),
    }
}

fn kind_of(roll: f64) -> &'static str {
    match roll {
        x if x < 0.12 => "government",
        x if x < 0.22 => "general_office",
        _ => "department",
    }
}
