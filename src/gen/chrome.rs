//! Site chrome and filler: what surrounds a report on a government web page (navigation, scripts,
//! styles, footers), sized like real pages, and plausible prose to pad sections.

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

const PHRASES: &[&str] = &[
    "坚持以习近平新时代中国特色社会主义思想为指导",
    "深入贯彻落实党中央、国务院关于全面推进政务公开工作的决策部署",
    "持续深化重点领域信息公开",
    "进一步规范依申请公开办理流程",
    "加强政策解读和回应关切",
    "不断提升政府网站和政务新媒体服务水平",
    "严格落实保密审查制度",
    "推进基层政务公开标准化规范化建设",
    "健全政务公开工作考核评议机制",
    "畅通群众获取政府信息的渠道",
    "及时更新政府信息公开指南和目录",
    "组织开展政务公开业务培训",
];

/// About `chars` characters of report-like prose.
pub fn filler(rng: &mut ChaCha8Rng, chars: usize) -> String {
    let mut s = String::new();
    while s.chars().count() < chars {
        s.push_str(PHRASES[rng.random_range(0..PHRASES.len())]);
        s.push(if rng.random_bool(0.7) { '，' } else { '。' });
    }
    s.push('。');
    s
}

const MENU: &[&str] = &[
    "首页",
    "政务公开",
    "政务服务",
    "互动交流",
    "走进本地",
    "新闻中心",
    "专题专栏",
    "数据发布",
    "政策文件",
    "办事指南",
];

/// The page around the report body, padded to about `target_bytes`.
pub fn page(
    rng: &mut ChaCha8Rng,
    title: &super::titles::Title,
    published: &str,
    body: &str,
    charset: &str,
    target_bytes: usize,
) -> String {
    let nav: String = MENU
        .iter()
        .enumerate()
        .map(|(i, m)| format!("<li><a href=\"/col/{i}/index.html\">{m}</a></li>"))
        .collect();
    let tag = &title.tag;
    let heading: String = title
        .heading
        .iter()
        .map(|l| format!("<div class=\"title\">{l}</div>"))
        .collect();
    let mut page = format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset={charset}\">\
         <title>{tag}_政府信息公开</title>\n<style>body{{margin:0;font-family:SimSun}} .nav li{{float:left;list-style:none}}</style>\n\
         <script src=\"/js/jquery.min.js\"></script><script>var pageTitle='{tag}';var _hmt=_hmt||[];</script></head>\n\
         <body><div class=\"top\"><ul class=\"nav\">{nav}</ul></div>\n\
         <div class=\"crumb\">当前位置：<a href=\"/\">首页</a> &gt; <a href=\"/zfxxgk/\">政府信息公开</a> &gt; 政府信息公开年报</div>\n\
         <div class=\"article\">{heading}\n\
         <div class=\"info\">发布时间：{published}&nbsp;&nbsp;来源：本站&nbsp;&nbsp;字体：【<a>大</a> <a>中</a> <a>小</a>】 <a>打印</a></div>\n\
         <div class=\"TRS_Editor\">{body}</div></div>\n"
    );
    // Pad with what real pages carry: inline scripts and long footers of links.
    let mut i = 0;
    while page.len() < target_bytes {
        i += 1;
        if i % 3 == 0 {
            page.push_str(&format!(
                "<script>/* analytics {i} */ (function(){{var s=document.createElement('script');s.src='/stat/{i}.js?r={}';}})();</script>\n",
                rng.random_range(0..1_000_000)
            ));
        } else {
            let links: String = (0..12)
                .map(|k| format!("<a href=\"/link/{i}/{k}.html\">{}</a>", &MENU[(i + k) % MENU.len()]))
                .collect();
            page.push_str(&format!("<div class=\"links\">{links}</div>\n"));
        }
    }
    page.push_str("<div class=\"footer\"><p>主办单位：本级人民政府办公室 网站标识码：0000000000</p><p>扫一扫在手机打开当前页</p></div></body></html>\n");
    page
}
