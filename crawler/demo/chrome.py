"""Page chrome shared by the demo site's pages: header, weather widget, menus, footer.

Real Korean regional news pages carry 30-90 KB of chrome around a 3 KB story: a date
header, a weather slider, menus, ad slots, inline scripts. Extractors must learn to ignore
all of it, so the demo reproduces it, including the date header (the real date, which is
not the article date) and the "최종편집" footer line.
"""
from __future__ import annotations

import random
from datetime import datetime
from html import escape
from typing import NamedTuple

from crawler.demo.content import (
    ARTICLES, KST, SECTIONS, SITE_NAME, DemoArticle, article_path, byline_names, newest_first,
)

WEEKDAYS = "월화수목금토일"

#: Weather stations of the header slider, in the order KMA widgets list them.
STATIONS = ("동두천", "강릉", "서울", "대전", "대구", "울산", "광주", "부산", "고창", "제주",
            "강화", "보은", "금산", "강진군", "경주시", "거제")
_SKIES = ("맑음", "맑음", "구름조금", "구름많음", "구름많음", "흐림", "비", "눈")
#: Rough monthly mean temperature of Seoul, to keep the widget plausible.
_MONTH_TEMP = (-2.0, 0.5, 6.0, 12.5, 18.0, 22.5, 25.5, 26.0, 21.5, 15.0, 7.5, 0.5)


def now_kst(today: datetime | None = None) -> datetime:
    """The 'today' a page shows: the given moment, else the real current time in KST."""
    if today is None:
        return datetime.now(KST)
    if today.tzinfo is None:
        return today.replace(tzinfo=KST)
    return today.astimezone(KST)


def e(text: str | None) -> str:
    return escape(text or "", quote=True)


def today_text(today: datetime) -> str:
    """``2025.12.10 (수)``: the header date of the article_no CMS."""
    return f"{today:%Y.%m.%d} ({WEEKDAYS[today.weekday()]})"


def last_edit_text(today: datetime) -> str:
    """``최종편집 2025년 12월 10일 10시 47분``: the footer line, page chrome as well."""
    return f"최종편집 {today:%Y}년 {today:%m}월 {today:%d}일 {today:%H}시 {today:%M}분"


def weather_items(today: datetime) -> list[tuple[str, str, float]]:
    """(sky, station, temperature) per station, fixed for a given day."""
    rng = random.Random(today.toordinal())
    base = _MONTH_TEMP[today.month - 1]
    out = []
    for station in STATIONS:
        temp = round(base + rng.uniform(-4.5, 4.5), 1)
        sky = rng.choice(_SKIES)
        if sky == "눈" and temp > 2:
            sky = "흐림"
        out.append((sky, station, temp))
    return out


def weather_box(today: datetime) -> str:
    items = "\n".join(
        f'\t\t\t<li class="icon_w"><img src="/image2006/weather/w{i % 8 + 1:02d}.png" alt="" '
        f'width="24" height="24" />{sky}<span class="w_loc">{station}</span> '
        f'<span class="w_tmp">{temp:.1f}℃</span></li>'
        for i, (sky, station, temp) in enumerate(weather_items(today))
    )
    return (
        '\t<div class="weather_box">\n\t\t<ul class="weather_slide">\n'
        f"{items}\n\t\t</ul>\n"
        '\t\t<a class="wc" href="http://www.kma.go.kr/" target="_blank">기상청 제공</a>\n'
        "\t</div>\n"
    )


def section_url(sec_no: int, page: int | None = None) -> str:
    url = f"/news/section_list_all.html?sec_no={sec_no}"
    return url if page is None else f"{url}&page={page}"


def photo_url(a: DemoArticle, thumb: bool = False) -> str:
    """``/data/photos/YYYYMMWW/art_<ts>_<hash>.jpg``, the CMS's photo path scheme."""
    folder = f"{a.published_at:%Y%m}{a.published_at.isocalendar().week:02d}"
    name = f"art_{int(a.published_at.timestamp())}{a.id % 10000:04d}_{a.id * 7919 % 0xFFFFFF:06x}"
    if thumb:
        return f"/data/cache/public/photos/{folder}/{name}_313x208_c0.jpg"
    return f"/data/photos/{folder}/{name}.jpg"


def photo_caption(a: DemoArticle) -> str:
    """A caption that is not article text: extractors must drop it."""
    head = a.title.split("…")[0].strip("'\" ")
    source = "뉴스데모 DB" if a.section in ("정치", "국제") else "독자 제공"
    return f"▲ {head} 관련 현장 모습. [사진={source}]"


def lead_text(a: DemoArticle, limit: int) -> str:
    """The list/teaser lead the CMS cuts from the displayed body (byline included)."""
    text = " ".join(a.body_paragraphs)
    if a.cms == "article_no":
        text = a.byline + " " + text
    return text[:limit].rstrip()


def list_date(a: DemoArticle) -> str:
    return f"{a.published_at:%Y.%m.%d %H:%M}"


#: Sub-menus of the full-menu layer; text only, the CMS opens them with JavaScript.
SUB_MENUS: dict[str, tuple[str, ...]] = {
    "지방자치": ("서울", "경기·인천", "강원·충청", "영남", "호남·제주", "자치행정", "지방의회"),
    "정치": ("국회·정당", "대통령실", "행정", "외교·안보", "정책", "선거"),
    "사회": ("사건·사고", "교육", "복지·노동", "환경", "교통", "의료·보건", "인물·동정"),
    "경제": ("금융", "부동산", "산업", "IT·과학", "소상공인", "일자리", "유통"),
    "문화": ("공연·전시", "축제", "책·출판", "여행·레저", "음식", "방송·연예"),
    "국제": ("미주", "아시아", "유럽", "한인사회", "통신원 리포트"),
}


def all_menu_layer() -> str:
    """The hidden 'full menu' layer of the header: long, and no article links in it."""
    blocks = []
    for no, name in SECTIONS:
        subs = "".join(f'<li><a href="javascript:void(0);" onclick="go_sub({no}, {i});">{sub}</a></li>'
                       for i, sub in enumerate(SUB_MENUS[name], 1))
        blocks.append(f'\t\t<dl class="am_sec"><dt><a href="{section_url(no)}">{name}</a></dt>'
                      f"<dd><ul>{subs}</ul></dd></dl>\n")
    return ('\t<div class="all_menu_layer" style="display:none">\n'
            + "".join(blocks)
            + '\t\t<a href="javascript:void(0);" class="btn_close">전체메뉴 닫기</a>\n\t</div>\n')


def menu_html(current_sec: int | None = None) -> str:
    lis = []
    for no, name in SECTIONS:
        on = ' class="on"' if no == current_sec else ""
        lis.append(f'\t\t\t<li{on}><a href="{section_url(no)}">{name}</a></li>')
    lis.append('\t\t\t<li><a href="/news/article_list_all.html">전체기사</a></li>')
    return "\n".join(lis)


_TOP_SCRIPT = """<script type="text/javascript">
//<![CDATA[
	var _site_domain = location.hostname;
	var _is_mobile = /Android|iPhone|iPad|iPod/i.test(navigator.userAgent);
	function set_cookie(name, value, days) {
		var d = new Date(); d.setTime(d.getTime() + (days*24*60*60*1000));
		document.cookie = name + "=" + escape(value) + "; path=/; expires=" + d.toUTCString();
	}
	function get_cookie(name) {
		var v = document.cookie.match('(^|;) ?' + name + '=([^;]*)(;|$)');
		return v ? unescape(v[2]) : null;
	}
	if (_is_mobile && get_cookie("pc_view") != "Y") {
		// location.replace("/mobile/" + location.search);
	}
	window.dataLayer = window.dataLayer || [];
	function gtag(){dataLayer.push(arguments);}
	gtag('js', new Date());
	gtag('config', 'G-DEMO000000');
//]]>
</script>
"""

_STYLE = """<style type="text/css">
	body,div,ul,li,dl,dt,dd,h1,h2,h3,h4,p,form,fieldset{margin:0;padding:0}
	body{font-family:'Noto Sans KR','Malgun Gothic','맑은 고딕',dotum,sans-serif;font-size:14px;color:#222}
	ul,ol{list-style:none} img{border:0;vertical-align:top} a{color:#222;text-decoration:none}
	#wrap{min-width:1200px} .inner{width:1200px;margin:0 auto;position:relative}
	#header .top_bar{height:36px;border-bottom:1px solid #e5e5e5;background:#fafafa}
	#header .today_txt{float:left;line-height:36px;font-size:13px;color:#555;margin-right:20px}
	#header .weather_box{float:left;height:36px;overflow:hidden;width:260px;position:relative}
	#header .weather_box ul.weather_slide li{height:36px;line-height:36px;font-size:13px}
	#header .weather_box .wc{position:absolute;right:0;top:0;font-size:11px;color:#999}
	#header .logo_area{height:110px} #header .logo{position:absolute;left:50%;top:25px;margin-left:-150px}
	#gnb{height:52px;border-top:2px solid #0b3d91;border-bottom:1px solid #ddd}
	#gnb .menu li{float:left} #gnb .menu li a{display:block;padding:0 22px;line-height:50px;font-size:17px;font-weight:600}
	#gnb .menu li.on a,#gnb .menu li a:hover{color:#0b3d91}
	.arv_001 .art_top{padding:30px 0 20px;border-bottom:1px solid #ddd}
	.arv_001 .art_top .sec_tit a{color:#0b3d91;font-size:15px;font-weight:600}
	.arv_001 .art_top h2{font-size:34px;line-height:1.35;margin:10px 0;letter-spacing:-1px}
	.arv_001 .art_top h3{font-size:19px;color:#555;font-weight:400;margin-bottom:10px}
	.arv_001 .art_top .art_info li{display:inline-block;font-size:13px;color:#777;margin-right:12px}
	.cnt_view{padding:30px 0;font-size:18px;line-height:1.8}
	.cnt_view p{margin-bottom:22px} .cnt_view figure{margin:0 0 24px;text-align:center}
	.cnt_view figcaption{font-size:14px;color:#666;padding-top:8px}
	.btn_share li{display:inline-block;margin-right:4px}
	.jour_box{border:1px solid #ddd;padding:18px;margin:30px 0} .jour_box .name{font-weight:600}
	#aside{float:right;width:300px} .hdl_box .box_tit{border-bottom:2px solid #222;margin-bottom:12px}
	.art_box{overflow:hidden;margin-bottom:14px} .art_box em{font-style:normal;color:#0b3d91;font-size:12px}
	.art_box h3{font-size:16px;line-height:1.4} .art_box p{font-size:13px;color:#666;max-height:38px;overflow:hidden}
	.lst_pop li{padding:8px 0;border-bottom:1px dotted #ddd} .lst_pop .num{color:#0b3d91;font-weight:700;margin-right:8px}
	.art_list_all li{padding:20px 0;border-bottom:1px solid #eee;overflow:hidden}
	.art_list_all h2{font-size:20px;margin-bottom:8px} .art_list_all p{color:#666;line-height:1.6}
	.btn_pagenum{text-align:center;padding:30px 0} .btn_pagenum a,.btn_pagenum strong{display:inline-block;width:34px;line-height:34px;border:1px solid #ddd}
	.btn_pagenum strong{background:#0b3d91;color:#fff}
	#footer{border-top:3px solid #0b3d91;background:#f4f4f4;padding:30px 0;font-size:13px;color:#666;line-height:1.7}
	#footer .f_menu li{display:inline-block;margin-right:18px} .ad_box{margin:20px auto;text-align:center}
</style>
"""


VIEW_SCRIPT = """<script type="text/javascript">
//<![CDATA[
(function($){
	'use strict';
	var font_size = parseInt(get_cookie('art_font_size') || '18', 10);
	var min_size = 14, max_size = 26;
	function apply_font(size){
		$('#news_body_area, #article-view-content-div').css({'font-size': size + 'px'});
		set_cookie('art_font_size', size, 30);
	}
	$(document).on('click', '.font_up, .btn-fontsize', function(){
		if (font_size < max_size) { font_size += 2; apply_font(font_size); }
		return false;
	});
	$(document).on('click', '.font_down', function(){
		if (font_size > min_size) { font_size -= 2; apply_font(font_size); }
		return false;
	});
	function share_url(){ return $('link[rel=canonical]').attr('href') || location.href; }
	function share_title(){ return $('meta[property="og:title"]').attr('content') || document.title; }
	$(document).on('click', '.btn_share .facebook', function(){
		window.open('https://www.facebook.com/sharer/sharer.php?u=' + encodeURIComponent(share_url()),
			'share_fb', 'width=600,height=500');
		return false;
	});
	$(document).on('click', '.btn_share .twitter', function(){
		window.open('https://twitter.com/intent/tweet?text=' + encodeURIComponent(share_title()) +
			'&url=' + encodeURIComponent(share_url()), 'share_tw', 'width=600,height=500');
		return false;
	});
	$(document).on('click', '.btn_share .band', function(){
		window.open('https://band.us/plugin/share?body=' + encodeURIComponent(share_title() + '\\n' +
			share_url()), 'share_band', 'width=410,height=540');
		return false;
	});
	$(document).on('click', '.btn_share .url_copy', function(){
		var t = document.createElement('textarea');
		t.value = share_url(); document.body.appendChild(t); t.select();
		try { document.execCommand('copy'); alert('URL이 복사되었습니다.'); } catch (e) { prompt('URL', t.value); }
		document.body.removeChild(t);
		return false;
	});
	$(document).on('click', '.btn_share .kakao', function(){
		if (typeof Kakao === 'undefined') { alert('카카오톡 공유를 불러오는 중입니다.'); return false; }
		Kakao.Share.sendDefault({ objectType: 'feed', content: { title: share_title(),
			imageUrl: $('meta[property="og:image"]').attr('content'),
			link: { mobileWebUrl: share_url(), webUrl: share_url() } } });
		return false;
	});
	$(document).on('click', '.btn_all_menu', function(){ $('.all_menu_layer').slideToggle(200); return false; });
	$(document).on('click', '.all_menu_layer .btn_close', function(){ $('.all_menu_layer').slideUp(200); return false; });
	window.go_sub = function(sec, sub){ location.href = '/news/section_list_all.html?sec_no=' + sec; };
	// 조회수 집계 (read counter); the real CMS posts to /news/ajax_counter.php
	$(function(){
		var no = (location.search.match(/(?:no|idxno)=(\\d+)/) || [])[1];
		if (no && !get_cookie('read_' + no)) { set_cookie('read_' + no, '1', 1); }
		$('img[data-src]').each(function(){ $(this).attr('src', $(this).data('src')); });
	});
})(jQuery);
//]]>
</script>
"""


def head_html(*, title: str, charset: str, canonical: str, description: str,
              og_image: str | None = None, extra: str = "") -> str:
    """<head> of the article_no skin; cp949 pages declare euc-kr the old way."""
    if charset == "utf-8":
        meta_charset = '<meta charset="utf-8">'
    else:
        meta_charset = '<meta http-equiv="Content-Type" content="text/html; charset=euc-kr">'
    image = f'<meta property="og:image" content="{e(og_image)}">\n' if og_image else ""
    return f"""<!DOCTYPE html>
<html lang="ko">
<head>
{meta_charset}
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=1200">
<title>{e(title)}</title>
<meta name="keywords" content="인터넷뉴스솔루션, 뉴스솔루션, 미디어솔루션">
<meta name="description" content="{e(description)}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="{SITE_NAME}">
<meta property="og:title" content="{e(title.rsplit(' - ', 1)[0])}">
<meta property="og:url" content="{e(canonical)}">
<meta property="og:description" content="{e(description)}">
{image}<link rel="canonical" href="{e(canonical)}">
<link rel="alternate" type="application/rss+xml" title="{SITE_NAME} RSS" href="/data/rss/news.xml">
<link rel="stylesheet" type="text/css" href="/css/common.css?v=20250301">
<link rel="stylesheet" type="text/css" href="/css/article.css?v=20250301">
<link rel="shortcut icon" href="/data/design/favicon.ico">
{_STYLE}<script type="text/javascript" src="/js/jquery-1.12.4.min.js"></script>
<script type="text/javascript" src="/js/slick.min.js"></script>
<script async src="https://www.googletagmanager.com/gtag/js?id=G-DEMO000000"></script>
{_TOP_SCRIPT}{extra}</head>
"""


def header_html(today: datetime, current_sec: int | None = None) -> str:
    return f"""<body>
<!-- skip navigation -->
<div id="skip_nav"><a href="#container">본문 바로가기</a></div>
<div id="wrap">
<!-- header -->
<div id="header">
	<div class="top_bar"><div class="inner">
	<p class="today_txt">{today_text(today)}</p>
{weather_box(today)}	<ul class="top_menu">
		<li><a href="javascript:void(0);" onclick="alert('준비중입니다.');">로그인</a></li>
		<li><a href="javascript:void(0);" onclick="alert('준비중입니다.');">회원가입</a></li>
		<li><a href="/data/rss/news.xml">RSS</a></li>
	</ul>
	</div></div>
	<div class="logo_area"><div class="inner">
		<div class="banner_l"><!-- 상단 좌측 배너 --><a href="javascript:void(0);"><img src="/data/banner/top_l_20250301.jpg" alt="배너" width="200" height="60"></a></div>
		<h1 class="logo"><a href="/"><img src="/data/design/logo/toplogo_20250301.png" alt="{SITE_NAME}" width="300" height="64"></a></h1>
		<div class="banner_r"><!-- 상단 우측 배너 --><script type="text/javascript">document.write('<div class="ad_slot" data-slot="top_r"></div>');</script></div>
	</div></div>
	<div id="gnb"><div class="inner">
		<ul class="menu">
{menu_html(current_sec)}
		</ul>
		<a href="javascript:void(0);" class="btn_all_menu" title="전체메뉴">전체메뉴</a>
		<div class="search_box"><form name="search_form" action="/news/search_result.html" method="get">
			<input type="hidden" name="search_mode" value="multi"><input type="text" name="search" title="검색어 입력" placeholder="검색어를 입력하세요">
			<button type="submit">검색</button></form></div>
	</div></div>
{all_menu_layer()}</div>
<!-- //header -->
"""


def footer_html(today: datetime) -> str:
    sitemap = "".join(
        f'<dl><dt><a href="{section_url(no)}">{name}</a></dt></dl>' for no, name in SECTIONS
    )
    return f"""<!-- footer -->
<div id="footer">
	<div class="inner">
		<div class="all_menu">{sitemap}</div>
		<ul class="f_menu">
			<li><a href="javascript:void(0);">회사소개</a></li>
			<li><a href="javascript:void(0);">기사제보</a></li>
			<li><a href="javascript:void(0);">광고문의</a></li>
			<li><a href="javascript:void(0);"><strong>개인정보처리방침</strong></a></li>
			<li><a href="javascript:void(0);">청소년보호정책</a></li>
			<li><a href="javascript:void(0);">이메일무단수집거부</a></li>
		</ul>
		<address>
		제호 : {SITE_NAME} | 주소 : 서울특별시 서초구 양재대로 100, 5층(양재동) | 대표전화 : 02-000-0000 | 팩스 : 02-000-0001<br>
		등록번호 : 서울 아00000 | 등록일 : 2017.03.02 | 발행인·편집인 : 홍길동 | 청소년보호책임자 : 홍길순<br>
		{SITE_NAME}의 모든 콘텐츠(영상,기사, 사진)는 저작권법의 보호를 받은바, 무단 전재와 복사, 배포 등을 금합니다.
		</address>
		<p class="last_edit">{last_edit_text(today)}</p>
		<p class="copyright">Copyright &copy; {SITE_NAME}. All rights reserved. mail to newsdemo@newsdemo.kr</p>
	</div>
</div>
<!-- //footer -->
</div>
<script type="text/javascript">
	$(function(){{
		$('.weather_slide').slick({{vertical:true, autoplay:true, autoplaySpeed:2500, arrows:false}});
		$('.btn_top').on('click', function(){{ $('html, body').animate({{scrollTop:0}}, 300); return false; }});
	}});
</script>
</body>
</html>
"""


# --------------------------------------------------------------------------- widgets

def art_box(a: DemoArticle, lead_limit: int = 160) -> str:
    return (
        f'\t\t<div class="art_box"><a href="{article_path(a)}">'
        f'<div class="thumb"><img src="{photo_url(a, thumb=True)}" alt=""></div>'
        f"<em>{e(a.section)}</em><h3>{e(a.title)}</h3>"
        f"<p>{e(lead_text(a, lead_limit))}</p></a></div>\n"
    )


def hdl_box(number: int, sec_no: int, name: str, items: list[DemoArticle]) -> str:
    boxes = "".join(art_box(a) for a in items)
    return (
        f'<div class="hdl_{number:03d} hdl_box">\n'
        f'\t<div class="box_tit"><h2><a href="{section_url(sec_no)}">{name}</a></h2>'
        f'<a class="more" href="{section_url(sec_no)}">더보기</a></div>\n'
        f"{boxes}</div>\n"
    )


def arl_box(number: int, a: DemoArticle) -> str:
    """The 'headline with lead' widget, its lead a long cut of the other story."""
    return (
        f'<div class="arl_{number:03d}">\n\t<div class="art_box">'
        f'<a href="{article_path(a)}"><h2 class="tit">{e(a.title)}</h2>'
        f'<p class="lead">{e(lead_text(a, 600))}</p></a></div>\n</div>\n'
    )


def popular_box(items: list[DemoArticle]) -> str:
    lis = "".join(
        f'\t\t<li><span class="num">{i}</span><a href="{article_path(a)}">{e(a.title)}</a></li>\n'
        for i, a in enumerate(items, 1)
    )
    return (f'<div class="arl_022 pop_box">\n\t<h2 class="box_tit">많이 본 뉴스</h2>\n'
            f'\t<ul class="lst_pop">\n{lis}\t</ul>\n</div>\n')


def photo_box(number: int, items: list[DemoArticle]) -> str:
    """The photo-news widget: thumbnails with titles only."""
    lis = "".join(
        f'\t\t<li><a href="{article_path(a)}"><span class="thumb"><img src="{photo_url(a, thumb=True)}" '
        f'alt="{e(a.title)}" width="313" height="208"></span><span class="tit">{e(a.title)}</span></a></li>\n'
        for a in items
    )
    return (f'<div class="arl_{number:03d} photo_box">\n\t<h2 class="box_tit">포토뉴스</h2>\n'
            f'\t<ul class="photo_list">\n{lis}\t</ul>\n</div>\n')


def latest_box(items: list[DemoArticle]) -> str:
    lis = "".join(
        f'\t\t<li><a href="{article_path(a)}"><span class="tit">{e(a.title)}</span>'
        f'<span class="date">{a.published_at:%m-%d}</span></a></li>\n' for a in items
    )
    return f'<div class="arl_031 latest_box">\n\t<h2 class="box_tit">최신기사</h2>\n\t<ul>\n{lis}\t</ul>\n</div>\n'


def ad_box(slot: str) -> str:
    return (
        f'<div class="ad_box" id="ad_{slot}">\n\t<!-- AD {slot} -->\n'
        '\t<script type="text/javascript">\n'
        f'\t\tvar ad_{slot} = {{zone: "{slot}", w: 300, h: 250, site: "newsdemo"}};\n'
        f"\t\tdocument.write('<iframe src=\"about:blank\" width=\"300\" height=\"250\" "
        f"frameborder=\"0\" scrolling=\"no\" title=\"광고\"></iframe>');\n"
        "\t</script>\n</div>\n"
    )


class Teasers(NamedTuple):
    """The other stories one page advertises, by widget."""

    arl: DemoArticle                                        # headline + long lead
    hdl: list[tuple[int, str, list[DemoArticle]]]           # (sec_no, name, stories) boxes
    popular: list[DemoArticle]                              # 많이 본 뉴스, 5
    photo: list[DemoArticle]                                # 포토뉴스, 4


def pick_teasers(a: DemoArticle | None, seed: int) -> Teasers:
    """Deterministic teaser choice for one page: other stories only, never the page's own."""
    rng = random.Random(seed)
    others = [x for x in ARTICLES if a is None or x.id != a.id]
    arl = rng.choice([x for x in others if x.cms == "article_no"])
    secs = rng.sample([s for s in SECTIONS if a is None or s[1] != a.section], 3 if seed % 2 else 2)
    hdl = []
    for no, name in secs:
        pool = [x for x in others if x.section == name and x.id != arl.id]
        hdl.append((no, name, rng.sample(pool, min(3, len(pool)))))
    return Teasers(arl=arl, hdl=hdl, popular=rng.sample(others, 5), photo=rng.sample(others, 4))


def latest(n: int) -> list[DemoArticle]:
    return newest_first()[:n]


def reporter_line(a: DemoArticle) -> str:
    return byline_names(a.authors)


# --------------------------------------------------------------------------- list pages

def list_items_html(items: list[DemoArticle]) -> str:
    """A section list's story cards, as the CMS renders them (empty: its no-data row)."""
    if not items:
        return '\t<li class="no_data">등록된 기사가 없습니다.</li>\n'
    return "".join(
        f'\t<li>\n\t\t<a href="{article_path(a)}">\n'
        f'\t\t\t<div class="img_box"><img src="{photo_url(a, thumb=True)}" alt=""></div>\n'
        f"\t\t\t<h2>{e(a.title)}</h2>\n"
        f"\t\t\t<p>{e(lead_text(a, 140))}</p>\n\t\t</a>\n"
        f'\t\t<ul class="ffd art_info"><li class="sec">{e(a.section)}</li>'
        f'<li class="name">{e(reporter_line(a))}</li>'
        f'<li class="date">{list_date(a)}</li></ul>\n\t</li>\n'
        for a in items
    )


def pager_html(page: int, pages: int, href: str, block: int) -> str:
    """Numbered pager in blocks of ``block`` pages with 이전/다음 links, like the CMS's."""
    start = (page - 1) // block * block + 1
    end = min(pages, start + block - 1)
    parts = []
    if start > 1:
        parts.append(f'<a href="{href}{start - 1}" class="prev">이전</a>')
    for p in range(start, end + 1):
        parts.append(f"<strong>{p}</strong>" if p == page else f'<a href="{href}{p}">{p}</a>')
    if end < pages:
        parts.append(f'<a href="{href}{end + 1}" class="next">다음</a>')
    return '<div class="btn_pagenum">\n\t' + "\n\t".join(parts) + "\n</div>\n"


def list_page_html(*, title: str, heading: str, description: str, canonical: str,
                   now: datetime, sec_no: int | None, items: list[DemoArticle], total: int,
                   pager: str, popular: list[DemoArticle]) -> str:
    """One page of a section list: the demo site and the crawl benchmark's site share it."""
    return (
        head_html(title=title, charset="utf-8", canonical=canonical, description=description)
        + header_html(now, sec_no)
        + f"""<div id="container"><div class="inner">
<div id="content" class="content">
	<div class="sec_title"><h2>{e(heading)}</h2><span class="total">총 {total}건</span></div>
<ul class="art_list_all">
{list_items_html(items)}</ul>
{pager}</div>
<div id="aside">
{popular_box(popular)}{ad_box("list_aside")}</div>
</div></div>
"""
        + footer_html(now)
    )
