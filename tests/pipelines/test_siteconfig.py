import textwrap

import pytest

from pipelines.errors import SiteConfigError
from pipelines.siteconfig import (
    CMS_PROFILES,
    list_sites,
    load_site_file,
    resolve_site,
    site_from_dict,
)


def write(tmp_path, text, name="site.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_a_known_cms_needs_only_name_base_url_and_profile(tmp_path):
    site = load_site_file(write(tmp_path, """
        name: tvseoul
        base_url: https://www.tvseoul.co.kr
        cms: article_no
    """))
    assert site.base_url == "https://www.tvseoul.co.kr/"
    assert site.allowed_domains == ("www.tvseoul.co.kr",)
    assert site.feeds == tuple(CMS_PROFILES["article_no"]["feeds"])
    assert site.timezone == "Asia/Seoul" and site.language == "ko"
    assert site.is_article_url("https://www.tvseoul.co.kr/news/article.html?no=12345")
    assert not site.is_article_url("https://www.tvseoul.co.kr/news/section_list_all.html?sec_no=1")
    assert site.is_list_url("https://www.tvseoul.co.kr/news/section_list_all.html?sec_no=1")


def test_kr_host_defaults_to_seoul_time_and_other_hosts_to_utc():
    assert site_from_dict({"name": "a", "base_url": "http://a.co.kr"}).timezone == "Asia/Seoul"
    assert site_from_dict({"name": "b", "base_url": "http://b.com"}).timezone == "UTC"
    assert site_from_dict({"name": "c", "base_url": "http://c.com", "timezone": "Europe/London"}).timezone == "Europe/London"


@pytest.mark.parametrize(
    "data, key, problem",
    [
        ({"base_url": "http://a.kr"}, "name", "is required"),
        ({"name": "a"}, "base_url", "is required"),
        ({"name": "Bad Name", "base_url": "http://a.kr"}, "name", "lowercase"),
        ({"name": "a", "base_url": "ftp://a.kr"}, "base_url", "http(s) URL"),
        ({"name": "a", "base_url": "http://a.kr", "cms": "wordpress9"}, "cms", "unknown profile"),
        ({"name": "a", "base_url": "http://a.kr", "feeds": 3}, "feeds", "list of strings"),
        ({"name": "a", "base_url": "http://a.kr", "article_patterns": ["(["]}, "article_patterns", "bad regular expression"),
        ({"name": "a", "base_url": "http://a.kr", "timezone": "Mars/Base"}, "timezone", "unknown time zone"),
        ({"name": "a", "base_url": "http://a.kr", "encoding": "klingon"}, "encoding", "unknown encoding"),
        ({"name": "a", "base_url": "http://a.kr", "selectors": {"colour": "h1"}}, "selectors.colour", "unknown field"),
        ({"name": "a", "base_url": "http://a.kr", "selectors": {"title": ""}}, "selectors.title", "selector string"),
        ({"name": "a", "base_url": "http://a.kr", "limits": {"max_pages": -1}}, "limits.max_pages", ">= 0"),
        ({"name": "a", "base_url": "http://a.kr", "enabled": "yes"}, "enabled", "true or false"),
        ({"name": "a", "base_url": "http://a.kr", "colour": "red"}, "colour", "unknown key"),
    ],
)
def test_validation_errors_name_file_key_and_problem(data, key, problem):
    with pytest.raises(SiteConfigError) as info:
        site_from_dict(data, source="seeds/x.yaml")
    message = str(info.value)
    assert message.startswith("seeds/x.yaml: key '" + key + "'")
    assert problem in message


def test_bad_yaml_and_missing_file_are_clear_errors(tmp_path):
    with pytest.raises(SiteConfigError, match="not valid YAML"):
        load_site_file(write(tmp_path, "name: [unclosed"))
    with pytest.raises(SiteConfigError, match="cannot read site file"):
        load_site_file(tmp_path / "missing.yaml")
    with pytest.raises(SiteConfigError, match="must be a mapping"):
        load_site_file(write(tmp_path, "- a\n- b\n"))


def test_resolve_by_name_and_unknown_name(tmp_path):
    write(tmp_path, "name: one\nbase_url: http://one.kr\n", "one.yaml")
    assert resolve_site("one", tmp_path).name == "one"
    with pytest.raises(SiteConfigError, match="unknown site 'two'.*known sites: one"):
        resolve_site("two", tmp_path)


def test_with_base_url_moves_allowed_domains():
    site = site_from_dict({"name": "d", "base_url": "http://demo.kr", "cms": "article_no"})
    moved = site.with_base_url("http://127.0.0.1:8123")
    assert moved.base_url == "http://127.0.0.1:8123/"
    assert moved.allowed_domains == ("127.0.0.1",)
    assert moved.absolute("/data/rss/news.xml") == "http://127.0.0.1:8123/data/rss/news.xml"


def test_every_bundled_site_file_is_valid():
    sites = list_sites()
    assert len({s.name for s in sites}) == len(sites)
    for site in sites:
        assert site.source.endswith(f"{site.name}.yaml"), "file name must match the site name"
