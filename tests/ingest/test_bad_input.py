"""Every kind of unusable input is refused with a coded one-line error, never garbage."""

from __future__ import annotations

from pathlib import Path

import pytest

from presslens.errors import PresslensError
from presslens.ingest import load_article
from presslens.ingest.decode import decode_bytes
from presslens.ingest.loader import article_from_text
from presslens.settings import Settings, load_settings

SETTINGS = load_settings()
ENGLISH = "Police said 12 people were arrested after the protest in the capital on Monday."


def code_of(call: object) -> str:
    with pytest.raises(PresslensError) as info:
        call()  # type: ignore[operator]
    assert "\n" not in str(info.value)
    return info.value.code


def test_empty_and_whitespace_only(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_text(" \n\t\n ")
    assert code_of(lambda: load_article(str(empty), SETTINGS)) == "E001"
    assert code_of(lambda: load_article(str(blank), SETTINGS)) == "E001"


@pytest.mark.parametrize("data", [b"%PDF-1.7\n...", b"\x89PNG\r\n\x1a\n....", b"abc\x00\x00\x00def" * 10])
def test_binary_refused(data: bytes) -> None:
    assert code_of(lambda: decode_bytes(data)) == "E002"


def test_latin1_is_decoded_not_refused() -> None:
    text = "Le ministère a confirmé que 12 personnes sont mortes à Kidal, selon le communiqué de presse."
    english = ("The ministry said the café owner in Kidal was among 12 people killed; it named the café "
               "and said the owner's family had fled.")
    assert decode_bytes(english.encode("latin-1")) == english
    assert "ministère" in decode_bytes(text.encode("cp1252"))


def test_undecodable_noise_refused() -> None:
    noise = bytes(range(128, 256)) * 20
    assert code_of(lambda: decode_bytes(noise)) in ("E002", "E003")


def test_over_the_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(ENGLISH * 100)
    small = Settings(**{**SETTINGS.__dict__, "max_bytes": 1000})
    assert code_of(lambda: load_article(str(big), small)) == "E004"
    assert code_of(lambda: load_article(ENGLISH * 100, small)) == "E004"


def test_html_without_main_text(tmp_path: Path) -> None:
    page = tmp_path / "nav.html"
    page.write_text("<html><head><title>Home</title></head><body><nav><a href='/'>Home</a></nav>"
                    "<script>var x = 1;</script></body></html>")
    assert code_of(lambda: load_article(str(page), SETTINGS)) == "E005"


@pytest.mark.parametrize(("text", "said"), [
    ("Bei dem Angriff auf das Lager sind nach Angaben der Polizei am Montag mindestens zwölf Menschen "
     "getötet worden. Die Regierung hat die Vorwürfe zurückgewiesen und eine Untersuchung angekündigt.",
     "it looks like German"),
    # mostly names: English is the best guess, so the message must not say "not English, not English"
    ("Qarabagh Xankendi Shusha Aghdam Lachin Kalbajar Zangilan Qubadli Jabrayil Fuzuli Tovuz Gazakh Agstafa "
     "Ganja Barda Tartar Goranboy Yevlakh Mingachevir and the Zaqatala", "too few common English words"),
])
def test_non_english_says_which_language_or_why(text: str, said: str) -> None:
    with pytest.raises(PresslensError) as info:
        load_article(text, SETTINGS)
    assert info.value.code == "E006" and said in str(info.value)


def test_too_few_words_and_bad_date(tmp_path: Path) -> None:
    assert code_of(lambda: load_article("Hello", SETTINGS)) == "E009"
    assert code_of(lambda: load_article(ENGLISH, SETTINGS, published="10/10/2013")) == "E010"


def test_missing_file() -> None:
    assert code_of(lambda: load_article(Path("/nonexistent/article.txt"), SETTINGS)) == "E007"


def test_utf8_bom_and_crlf_normalised() -> None:
    text = decode_bytes(b"\xef\xbb\xbf" + ENGLISH.encode() + b"\r\nSecond line.\r\n")
    assert text.startswith("Police") and "\r" not in text


@pytest.mark.parametrize("data", [b"\xff\xfeA", b"\xef\xbb\xbfPolice said \xff\xfe 12 were held."])
def test_a_byte_order_mark_before_other_bytes_is_refused_as_undecodable(data: bytes) -> None:
    assert code_of(lambda: decode_bytes(data)) == "E003"


def test_terminal_escape_sequences_are_blanked_offsets_kept() -> None:
    raw = "Police said \x1b[31m12\x1b[0m people were arrested \x9b2J in the capital.\tOn Monday.\n"
    text = decode_bytes(raw.encode("utf-8"))
    assert "\x1b" not in text and "\x9b" not in text
    assert len(text) == len(raw) and text.index("12") == raw.index("12")
    assert "\t" in text and text.endswith("\n")


def test_escape_characters_from_html_entities_never_reach_the_output() -> None:
    page = ("<html><head><title>Camp &#27;]0;pwned&#7; report</title>"
            "<meta name='author' content='Jane &#27;[31mDoe'></head><body><article><p>"
            + "Police said 12 people were arrested in the capital on Monday after the protest. " * 3
            + "</p></article></body></html>")
    article = load_article(page, SETTINGS)
    fields = [article.text, article.title or "", *article.authors]
    assert "report" in fields[1] and not any(ch in f for f in fields for ch in "\x1b\x07")
    body = page.replace("Police said", "Police said &#27;[2J")  # in the text, lxml drops the page
    assert code_of(lambda: load_article(body, SETTINGS)) == "E005"


def test_an_unreadable_file_is_a_coded_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(ENGLISH)

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)  # as root, chmod 000 would not stop the read
    with pytest.raises(PresslensError) as info:
        load_article(path, SETTINGS)
    assert info.value.code == "E011" and "Permission denied" in str(info.value)


def test_a_callers_title_source_and_url_are_blanked_like_the_text() -> None:
    # a batch row's or --title's fields never pass through decode_bytes
    article = article_from_text(ENGLISH, SETTINGS, title="Camp \x1b]0;pwned\x07 report", source="Wire\x9b2J",
                                url="https://example.org/a\x1b[31m")
    fields = [article.title or "", article.source or "", article.url or ""]
    assert not any(ch in f for f in fields for ch in "\x1b\x07\x9b")
    assert fields[0].startswith("Camp ") and fields[0].endswith(" report") and len(fields[0]) == 22


def test_spacy_never_refuses_a_text_that_the_size_check_lets_through() -> None:
    from presslens.pipeline import Pipeline

    # spaCy's own limit is 1,000,000 characters; the default size limit is 2 MB
    pipeline = Pipeline(settings=Settings(max_bytes=3_000_000), components=["entities.rules"])
    assert pipeline.nlp.max_length > 3_000_000 >= SETTINGS.max_bytes


def test_a_short_english_sentence_without_function_words_is_not_refused_but_short_german_is() -> None:
    assert load_article("Russia's defence ministry denied targeting civilians.", SETTINGS).text.startswith("Russia")
    assert code_of(lambda: load_article("Die Soldaten haben das Dorf und die Stadt angegriffen.", SETTINGS)) == "E006"


def test_one_word_another_language_shares_does_not_make_a_short_text_foreign() -> None:
    """ "die" is a German article and an English verb: one such word is no sign of German; two
    function words of another language are ("El ejército dijo que 40 murieron")."""
    assert load_article("No one saw 12 soldiers die.", SETTINGS).text.startswith("No one")
    assert code_of(lambda: load_article("El ejército dijo que 40 murieron.", SETTINGS)) == "E006"
