import pytest

from pipelines.urls import canonicalize_url, same_site


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("http://www.tvseoul.co.kr/news/article.html?no=123&utm_source=naver&utm_medium=rss",
         "http://www.tvseoul.co.kr/news/article.html?no=123"),
        ("HTTP://WWW.Example.COM:80/a?b=1#frag", "http://www.example.com/a?b=1"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("http://127.0.0.1:8080/x?idxno=5&fbclid=abc", "http://127.0.0.1:8080/x?idxno=5"),
        ("http://e.com/a;jsessionid=ABC123?x=1", "http://e.com/a?x=1"),
        ("http://e.com/a?PHPSESSID=zz&no=2", "http://e.com/a?no=2"),
        ("http://e.com/news/articleView.html?idxno=9&sc_section_code=S1N1",
         "http://e.com/news/articleView.html?idxno=9&sc_section_code=S1N1"),
        ("http://e.com", "http://e.com/"),
    ],
)
def test_canonicalize_url(raw, expected):
    assert canonicalize_url(raw) == expected


def test_canonicalize_is_idempotent():
    url = "http://e.com/a?b=1&utm_x=2&c=%ED%95%9C"
    assert canonicalize_url(canonicalize_url(url)) == canonicalize_url(url)


@pytest.mark.parametrize(
    "url, ok",
    [
        ("http://www.tvseoul.co.kr/a", True),
        ("http://m.www.tvseoul.co.kr/a", True),
        ("http://eviltvseoul.co.kr/a", False),
        ("http://www.tvseoul.co.kr.evil.com/a", False),
    ],
)
def test_same_site(url, ok):
    assert same_site(url, ["www.tvseoul.co.kr"]) is ok
