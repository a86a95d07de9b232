"""Boilerplate vocabulary for the general main-content extractor.

Kept apart from the algorithm in `content.py` so that the patterns (which grow with every
new site family seen) do not drown the scoring logic. Everything here is language-agnostic
structure (class/id tokens, tag sets) or short, generic line patterns in the languages the
archive meets most (English, Korean, a few European ones); nothing names a single site.
"""
from __future__ import annotations

import re

#: Elements whose content is never article text.
DROP_TAGS: frozenset[str] = frozenset({
    "script", "style", "noscript", "iframe", "button", "nav", "aside", "svg", "template",
    "select", "option", "input", "textarea", "object", "embed", "canvas", "map", "audio",
    "video", "source", "track", "dialog", "menu", "link", "meta", "head",
})

#: Block-level tags: each starts a new paragraph in `node_paragraphs`.
BLOCK_TAGS: frozenset[str] = frozenset({
    "p", "div", "section", "article", "main", "header", "footer", "h1", "h2", "h3", "h4",
    "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "tbody",
    "thead", "tfoot", "tr", "td", "th", "caption", "figure", "address", "hr", "center",
    "form", "fieldset", "details", "summary", "body", "html", "hgroup", "legend", "output",
})

HEADING_TAGS: frozenset[str] = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

#: class/id words that mark a widget that is never article text: `clean_tree` removes such
#: elements anywhere on the page (unless they hold most of the page's paragraph text).
#: Matched per word after splitting class and id on non-alphanumerics and camelCase, so
#: "ad" never matches "head", "read" or "shadow".
STRONG_NEGATIVE_WORDS: frozenset[str] = frozenset({
    "share", "sharing", "sharebar", "social", "socials", "newsletter", "newsletters",
    "ad", "ads", "advert", "adverts", "advertisement", "advertising", "adsense", "dfp",
    "sponsor", "sponsored", "promo", "promotion", "promoted", "related", "recommend",
    "recommended", "recommendation", "recommendations", "comment", "comments", "disqus",
    "outbrain", "taboola", "subscribe", "signup", "cookie", "cookies", "consent", "gdpr",
    "popup", "modal", "breadcrumb", "breadcrumbs", "sidebar", "footer", "navbar", "nav",
    "navigation", "menu", "toolbar", "pagination", "pager", "tagcloud", "byline", "caption",
    "livefyre", "trending", "weather", "ranking", "masthead", "header", "newsletter",
    "sns", "reporter",
})

#: Compound class/id markers (substring match on the lower-cased class + id string).
STRONG_NEGATIVE_RE = re.compile(
    r"sr-only|visually-?hidden|screen-?reader|a11y-hidden|u-hidden|is-hidden|display-none"
    r"|hidden-print|print-only|ad-?slot|ad-?container|ad-?wrap|ad-?unit|ad-?placeholder"
    r"|author-?(?:info|bio|box)|about-?(?:the-)?author|more-?(?:stories|articles|news)"
    r"|read-?more|also-?read|most-?(?:read|popular|viewed)|post-?(?:tags|meta|navigation)"
    r"|related-?(?:posts?|articles?|stories|news|content|links|items)"
    r"|entry-?(?:meta|footer|tags)|article-?(?:tags|footer|meta)|wp-caption-text"
)

#: Weaker negative words: only lower the score of a candidate container.
NEGATIVE_WORDS: frozenset[str] = frozenset({
    "share", "sharing", "sharebar", "social", "socials", "newsletter", "newsletters",
    "ad", "ads", "advert", "adverts", "advertisement", "advertising", "adsense", "dfp",
    "gpt", "sponsor", "sponsored", "promo", "promotion", "promoted", "related", "recommend",
    "recommended", "recommendation", "recommendations", "comment", "comments", "disqus",
    "outbrain", "taboola", "subscribe", "subscription", "paywall", "signup", "cookie",
    "cookies", "consent", "gdpr", "popup", "modal", "overlay", "breadcrumb", "breadcrumbs",
    "sidebar", "widget", "widgets", "footer", "masthead", "navbar", "nav", "navigation",
    "menu", "toolbar", "pagination", "pager", "tags", "tagcloud", "byline", "author",
    "bio", "rating", "print", "email", "banner", "trending", "popular", "most", "headlines",
    "more", "next", "prev", "previous", "follow", "skip", "jump", "hidden", "hide",
    "sr", "visually", "offscreen", "caption", "credit", "credits", "copyright", "disclaimer",
    "login", "register", "weather", "ranking", "rank", "hot", "tool", "tools", "utility",
    "meta", "dateline", "timestamp", "date", "header", "topbar", "livefyre", "feedback",
    "survey", "poll", "quiz", "teaser", "teasers", "carousel", "slider", "slideshow",
    "gallery", "thumbnail", "thumbnails", "thumb", "video", "player", "playlist", "embed",
    "inline", "callout", "pullquote", "rail", "ticker", "alert", "notification",
    "reactions", "emoji", "like", "likes", "bookmark", "storyline", "tts", "font",
})

#: Words that outweigh a negative word: a "post-content" or "article-body" container.
POSITIVE_WORDS: frozenset[str] = frozenset({
    "article", "articlebody", "body", "content", "entry", "main", "post", "story", "text",
    "blog", "news", "column", "hentry", "prose", "richtext", "rte", "copy", "detail",
})

#: Strong hints of the article container (attribute values, lower-cased, exact word match
#: on the whole class/id value after normalising separators to "_").
BODY_HINTS: frozenset[str] = frozenset({
    "articlebody", "article_body", "article_content", "articlecontent", "article_text",
    "articletext", "article_txt", "articletxt", "story_body", "storybody", "story_content",
    "story_text", "entry_content", "post_content", "postcontent", "post_body", "postbody",
    "post_entry", "body_text", "bodytext", "news_body_area", "news_body", "newsbody",
    "news_content", "news_text", "article_view", "articleview", "article_view_content",
    "articleview_content", "art_txt", "view_content", "view_con", "cont_view", "news_view",
    "article_detail", "articledetail", "main_content", "maincontent", "content_body",
    "contentbody", "td_post_content", "single_content", "the_content", "rich_text",
    "richtext", "article__body", "article__content", "story__body", "c_article_body",
    "paywall_article", "text_content", "textcontent",
})

_LINE_PATTERNS = [
    # copyright / licensing lines
    r"^(?:copyright|©|\(c\))\s.*",
    r".*all rights reserved\.?$",
    r".*(?:저작권자|copyrights?)\s*[©ⓒ(c)].*",
    r".*무단\s*전재.*(?:금지|재배포).*",
    r".*재배포\s*금지.*",
    r".*[©ⓒ].*",  # short lines only (see node_paragraphs): footers, photo credits
    # standalone widget/label lines
    r"^(?:advertisement|advertising|advert|ad|sponsored|sponsored content|anzeige|publicidade|publicidad|pubblicità|реклама|광고|iklan|werbung|publicité|anuncio)$",
    r"^(?:scroll (?:down |)to continue(?: reading)?|continue reading(?: below| the main story)?|story continues below(?: advertisement)?)\.?$",
    r"^(?:read more|read more:.*|more:|related:.*|related articles?:?.*|see also:.*|also read:.*|recommended:.*|watch:.*|related coverage:?.*|related stories:?.*|related content:?.*)$",
    r"^(?:leia (?:mais|também):?.*|leggi anche:?.*|lesen sie auch:?.*|lire aussi:?.*|читайте также:?.*)$",
    r"^(?:click here to subscribe.*|subscribe (?:now|today|to our newsletter).*|sign up (?:for|to) .*newsletter.*|get (?:the|our) .*newsletter.*)$",
    r"^(?:share(?: this(?: article| story)?)?(?: on)?:?|share this:?|tweet|email|print|facebook|twitter|linkedin|whatsapp|pinterest|reddit"
    r"|페이스북|트위터|카카오톡|카카오스토리|카카오|밴드|네이버 ?블로그|라인|url ?복사|링크 ?복사)$",
    r"^\d+\s*(?:comments?|replies|댓글)$",
    r"^(?:comments?|댓글|leave a (?:comment|reply)|post a comment|add comment)\s*(?:\(\d+\))?:?$",
    r"^(?:관련\s*기사|관련\s*뉴스|다른\s*기사\s*보기|많이 본 (?:뉴스|기사)|주요\s*(?:뉴스|기사)|최신\s*기사"
    r"|인기\s*기사|기사\s*더보기|더보기)(?:\s*[>▶].*)?$",
    r"^(?:photo|image|picture|foto|фото)\s*(?:credit)?\s*:.*$",
    r"^(?:\(|\[)?(?:photo|image|getty images|ap photo|reuters)(?:\)|\])?$",
    r"^(?:this (?:article|story) (?:was|has been) (?:originally )?published .*)$",
    r"^(?:follow us on .*|like us on facebook.*)$",
    # a writer's contact line closing the story ('Email Tariq Malik at tmalik@space.com or
    # follow him @tariqjmalik.'), a slideshow's counter ('Image 1 of 5')
    r"^(?:e-?mail|contact|reach) (?:[\w.'’-]+ ){1,4}at [^\s@]+@[^\s@]+?[.,]?"
    r"(?:\s+or\s+follow\b.*|\s+follow\s+us\b.*)?$",
    r"^(?:(?:image|photo|picture|slide|foto)\s+)?\d+\s+(?:of|/)\s+\d+$",
    # reading time, a text-size button, a box's leftover label, a lone social profile
    r"^(?:(?:estimated )?reading time|tempo de leitura|tiempo de lectura|lesezeit"
    r"|temps de lecture|읽는 시간)\s*:?\s*\d+\s*\w+\.?$|^\d+\s*min(?:ute)?s?\.? read$",
    r"^(?:text size|font size|글자 크기|don'?t miss:?)$",
    r"^(?:https?://)?(?:www\.)?(?:twitter|x|facebook|instagram)\.com/[\w.]+/?$",
    # a promo for the outlet's accounts ('Follow Newsbeat on Instagram, Facebook and
    # YouTube.', 'Follow me on Twitter or LinkedIn.'), a writer's address ('Have a tip?
    # Jane Doe may be reached at …'), sharing and gallery buttons left as text
    r"^follow (?:[\w@'’.()-]+ ){1,8}on (?:twitter|facebook|instagram|youtube|linkedin|tiktok"
    r"|threads)\b.{0,120}$",
    r"^(?:have a tip\?\s*)?(?:[\w.'’-]+ ){1,4}(?:may|can) be reached at [^\s@]+@\S+.{0,120}$",
    r"^reach (?:the )?(?:reporters?|writers?|authors?) (?:on|at|via) .{0,160}$",
    # a comment-moderation notice, a membership pitch, a citation and copyright footer
    r"^(?:note|nota|atenção|atención|hinweis|attention|notice)\s*:\s*.{0,200}\b(?:comments?"
    r"|comentários|comentarios|commenti|kommentare)\b.{0,200}$",
    r"^get (?:access to |.{0,60}\bdelivered\b).{0,200}(?:subscri|click here|for as little as"
    r"|\d+ issues).{0,120}$",
    r"^if you (?:enjoyed|liked|value|appreciate) (?:this|our) (?:article|story|piece|journalism"
    r"|reporting)\b.{0,300}$",
    r"^(?:explore further|citation: .{0,200} retrieved .{0,60} from https?://\S+"
    r"|this (?:document|article|material) is subject to copyright\b.{0,300})$",
    r"^(?:like this(?: story| article)?(?:[:?].{0,40})?|like loading\.*"
    r"|back to (?:gallery|top|article|story))$",
    r"^(?:loading|loading\.\.\.|please wait)\.?$",
    r".{0,60}requires? javascript.{0,60}",
    r"^(?:updated|published|posted|last updated|first published)(?: at| on)?:?\s.{0,50}\d.{0,30}$",
    r"^(?:we respect your privacy.*|by clicking .*(?:privacy policy|terms).*)$",
]

#: Whole-paragraph boilerplate: a paragraph matching any of these is dropped. The
#: reference definition; `is_boilerplate_line` gives its answer faster.
BOILERPLATE_LINE_RE = re.compile("|".join(f"(?:{p})" for p in _LINE_PATTERNS), re.IGNORECASE)

#: The line patterns that look for words anywhere in the line, with the words (lower case)
#: one of which a line must contain to match. Why: such a pattern is tried from every
#: position of the line (`.*x.*` backtracks a character at a time, ignoring case), and
#: every short paragraph of every page is tested, so these few took two thirds of the
#: test's time, on lines that almost never hold the words.
_LINE_NEEDLES: dict[str, tuple[str, ...]] = {
    r".*all rights reserved\.?$": ("all rights reserved",),
    r".*(?:저작권자|copyrights?)\s*[©ⓒ(c)].*": ("저작권자", "copyright"),
    r".*무단\s*전재.*(?:금지|재배포).*": ("무단",),
    r".*재배포\s*금지.*": ("재배포",),
    r".*[©ⓒ].*": ("©", "ⓒ"),
    r".{0,60}requires? javascript.{0,60}": ("javascript",),
}
_ANCHORED_LINE_RE = re.compile(
    "|".join(f"(?:{p})" for p in _LINE_PATTERNS if p not in _LINE_NEEDLES), re.IGNORECASE)
_ANYWHERE_LINE_RE = re.compile("|".join(f"(?:{p})" for p in _LINE_NEEDLES), re.IGNORECASE)
#: Any of the words, in a lower-cased line: one scan, without the case folding
_LINE_WORDS_RE = re.compile("|".join(re.escape(n) for ns in _LINE_NEEDLES.values() for n in ns))

#: A byline that ended up inside the body container ("By Jane Doe - 11/18/19 11:04 PM").
BYLINE_RE = re.compile(
    r"^[Bb]y (?:[A-Z][\w.'’-]*\s?){1,4}(?:(?:and|&)\s(?:[A-Z][\w.'’-]*\s?){1,4})?"
    r"(?:$|[-|–—,]\s*.{0,60}\d.{0,30}$|,\s*[\w ]{0,40}$)"
)

#: A credit line under a picture ("Photo: Jane Doe/AP", "(사진=연합뉴스)"), or a
#: broadcaster's staff credits closing a report ("촬영기자:박준호/영상편집:최은영",
#: "(영상취재 : 김학모, 영상편집 : 정용화)").
_CREDIT_LABEL = (
    r"[\[(]?\s*/?\s*(?:사진(?:\s*(?:출처|제공))?|그래픽|자료|영상|촬영\s*기자"
    r"|영상\s*(?:취재|편집|촬영)|촬영|편집|자막\s*뉴스|디자인|CG|VJ)\s*[=:：].{0,60}[\])]?")
_AGENCIES = ("getty images", "shutterstock", "afp", "ap photo", "associated press", "reuters",
             "epa", "istock")
_CREDIT_AGENCY = (r".{0,80}\b(?:" + "|".join(_AGENCIES) + r")(?:\s*(?:/|via)\s*.{0,40})?\)?")
#: The reference definition; `is_credit_line` gives its answer faster (the agency part is
#: tried only on lines that name an agency: see _LINE_NEEDLES for why).
CREDIT_RE = re.compile(f"^(?:{_CREDIT_LABEL}|{_CREDIT_AGENCY})$", re.IGNORECASE)
_CREDIT_LABEL_RE = re.compile(_CREDIT_LABEL, re.IGNORECASE)
_CREDIT_AGENCY_RE = re.compile(_CREDIT_AGENCY, re.IGNORECASE)
_AGENCIES_RE = re.compile("|".join(_AGENCIES))

#: What `re.IGNORECASE` also takes for an ASCII letter but `str.lower` does not give: the
#: dotless i, the long s, and the dot that 'İ'.lower() adds after its 'i'.
_CASE_FOLDS = str.maketrans({"ı": "i", "ſ": "s", "\u0307": None})


def _lowered(text: str) -> str:
    low = text.lower()
    if not text.isascii() and ("ı" in low or "ſ" in low or "\u0307" in low):
        low = low.translate(_CASE_FOLDS)
    return low


def is_boilerplate_line(text: str) -> bool:
    """``BOILERPLATE_LINE_RE.fullmatch(text)``, with the match-anywhere patterns run only
    on lines that hold their words."""
    return bool(_ANCHORED_LINE_RE.fullmatch(text) or (
        _LINE_WORDS_RE.search(_lowered(text)) and _ANYWHERE_LINE_RE.fullmatch(text)))


def is_credit_line(text: str) -> bool:
    """``CREDIT_RE.fullmatch(text)``, the agency part run only on lines naming one."""
    if _CREDIT_LABEL_RE.fullmatch(text):
        return True
    return bool(_AGENCIES_RE.search(_lowered(text)) and _CREDIT_AGENCY_RE.fullmatch(text))


#: Info lines a page puts inside its body container ('등록 2025.03.02 05:00:31수정 ...',
#: '기사입력 2025-04-09 09:05'): a publication/revision label followed by a date.
INFO_LINE_RE = re.compile(
    r"^\s*(?:[가-힣]{2,4}\s?(?:기자|특파원|통신원|[가-힣]{0,4}기자|논설위원)\s*[|ㅣ·/,]?\s*)?"
    r"(?:기사\s*)?(?:등록|입력|수정|승인|최종\s*수정|업데이트|송고)(?:일|시간|일시|일자|날짜)?\s*[:：]?\s*"
    r"[\[(（]?\s*\d{2,4}[.\-/년].{0,80}$"
    # a post's meta line: 'Posted by X' / 'Publicado por: X' with its date, category or tags
    # (the words come first, so that other lines fail at once: every paragraph is tested)
    r"|^\s*(?P<day>\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\s*[-|–—·]?\s*)?"
    r"(?i:posted|published|publicad[oa]|publié|pubblicato)\s+(?i:by|por|par|da)\b"
    r"(?(day)|(?=.*(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|(?i:categor|tags?\s*:))))"
)

#: Lines around Korean article text that are not its text: a photo caption marked with
#: a triangle ('▲ 오세훈 시장이 ... 있다. /사진=서울시 제공'; not a list item such as
#: '▲일시: 3월 5일') and a line of hashtags ('#서울시 #예산'). (Share bars: is_share_bar.)
PAGE_LINE_RE = re.compile(
    r"\s*[▲△]\s*\S(?=.*(?:사진|제공|있다\.?\s*$|모습\.?\s*$)).{0,200}$"
    r"|\s*(?:#[^\s#]+\s*){2,}$"
)
#: More lines Korean CMSs put inside the body container: a reporter's link to their other
#: stories ('홍길동 기자의 다른기사 보기'), subscription and channel promos ('▶ 네이버에서
#: 뉴스원 구독하기', '[뉴스원 바로가기]'), a bracketed tip line ('<제보하기> 카카오톡: ...'),
#: an AI-training notice, tag and keyword lines ('관련 태그: #서울시', '키워드 : 서울시,
#: 예산', a lone '#서울시'). Each needs its marker, so a sentence that starts '제보를 받은
#: 경찰은 ...' stays.
KOREAN_CHROME_RE = re.compile(
    r"\s*(?:[가-힣]{2,4}\s*)?기자\s*의?\s*(?:다른\s*기사|전체\s*기사|기사\s*더\s*보기)(?:\s*보기)?\s*$"
    r"|[\s▶▷►☞※■□●◆\[<(【]*.{0,40}(?:구독(?:\s*하기|하세요)?|바로\s*가기|후원\s*하기|앱\s*(?:다운(?:로드)?|설치)(?:\s*하기)?)\s*[\]>)】◀◁]?\s*$"
    r"|\s*[<\[(【]\s*(?:기사\s*)?제보(?:하기)?\s*[>\])】].{0,100}$"
    r"|\s*(?:기사\s*)?제보\s*(?:및\s*보도\s*자료)?\s*[:：]?\s*\S+@\S+\s*$"
    r"|.{0,40}AI\s*학습.{0,30}(?:금지|수\s*없).{0,20}$"
    r"|\s*(?:관련\s*)?(?:태그|키워드|(?i:tags?|keywords?))\s*[:：]?\s*(?:#[^\s#]+\s*)+$"
    r"|\s*(?:관련\s*)?(?:태그|키워드)\s*[:：]\s*[^.。]{1,80}$"
    r"|\s*#[^\s#]+\s*$"
)
#: Words of a toolbar left as a line of text ('좋아요 0 싫어요 0', '글자크기', '이전기사
#: 다음기사', '기자 프로필'): a line made of nothing else is no text (is_ui_line).
_UI_WORDS = frozenset(
    "좋아요 싫어요 공유 공유하기 기사공유 기사 글자크기 글씨크기 인쇄 인쇄하기 스크랩 추천 "
    "추천하기 댓글 댓글쓰기 이전기사 다음기사 이전 다음 목록 기사목록 프로필 기자 동영상 재생 "
    "닫기 확대 축소 크게 작게 가 가+ 가- 저장 링크복사 URL복사 본문듣기 듣기 이 기사를 "
    "추천합니다 구독 구독하기 조회 조회수 추천수 댓글수 | · / : ： 공유합니다 훈훈해요 슬퍼요 "
    "화나요 후속기사 원해요 추천해요 놀랐어요 기뻐요 최고예요 응원해요 재밌어요 궁금해요 "
    "감동이에요 좋아요! 싫어요!".split())


def is_ui_line(text: str) -> bool:
    """A short line made only of toolbar words and counts ('좋아요 0 싫어요 0')."""
    if len(text) > 80:
        return False
    words = [w.rstrip(":：") or w for w in text.replace(",", "").split()]
    return (any(w in _UI_WORDS for w in words)
            and all(w in _UI_WORDS or w.isdigit() for w in words))


_SHARE_NAMES = ("페이스북", "트위터", "카카오", "밴드", "링크복사", "링크 복사", "Facebook",
                "facebook", "Twitter", "twitter")
_SHARE_MARKS = ("|", "공유", "SNS", "바로가기", "바로 가기", "링크", "URL", "복사")


def is_share_bar(text: str) -> bool:
    """A share bar left in the text ('[SNS 바로가기] 페이스북 | 트위터 | 카카오톡'): two or
    more network names, a separator or a share word, and no sentence. Plain substring
    tests, not a regex: every paragraph of every page goes through here."""
    return (len(text) <= 120 and sum(name in text for name in _SHARE_NAMES) >= 2
            and any(mark in text for mark in _SHARE_MARKS) and "다." not in text)


#: An unrendered WordPress shortcode left as text, the whole line: '[button link="..."
#: type="big"]Send us YOUR kit review[/button]' (its quotes often come curled).
SHORTCODE_LINE_RE = re.compile(r"\[([a-z_]+)\b[^\]]*=[^\]]*\].{0,200}?\[/\1\]", re.I)

#: A line pointing to a related article inside the body ('▶ 관련기사: 서울시 예산 ...',
#: '[관련기사] ...', '관련뉴스 : ...'): its headline is a teaser, not the story's text.
#: The heading must be marked (a bullet, brackets or a colon after it), so a sentence
#: that begins '관련 기사에 따르면' stays.
RELATED_LINE_RE = re.compile(
    r"^\s*(?:[▶▷►■□●○◆◇※☞]+\s*관련\s*(?:기사|뉴스)|[\[【<〈(]\s*관련\s*(?:기사|뉴스)\s*[\]】>〉)]|"
    r"관련\s*(?:기사|뉴스)\s*[:：])"
)

#: The heading of a box of links to other articles inside the text ('관련기사', '함께 보면
#: 좋은 기사', 'Read more', 'Related'): the box is a teaser box, and its heading no text.
RELATED_HEADING_RE = re.compile(
    r"^[\s▶▷►■□●○◆◇※【\[(<]*(관련\s*(기사|뉴스)|함께\s*(보면|읽으면)|추천\s*기사|이\s*기사와"
    r"|Read\s+(more|also|next)|Related|See\s+also|Also\s+read|More\s+(on|from)|You\s+may\s+also)",
    re.I,
)

#: class/id substrings of photo captions that the word split misses ('img_desc' is two
#: words, 'imgcaption' one): matched on the lower-cased class + id.
CAPTION_CLASS_RE = re.compile(r"caption|img_desc|photo_desc|photo_txt|img_txt")
