"""The figures `make import` reads from a report: each with its period and the words a reviewer sees,
written out for sentences of the forms county reports use."""

from __future__ import annotations

import pytest

from macros.drafts.figures import find


def read(sentence: str) -> list[tuple[str, str, str, str, str, str]]:
    """(figure, unit, period, basis, cut-off date, quote) of each figure of ``sentence`` in a 2024 report."""
    return [(f.written, f.unit, f.period, f.period_basis, f.as_of, f.clause) for f in find("某局2024年工作总结\n" + sentence, 2024)]


@pytest.mark.parametrize(
    ("sentence", "figures"),
    [
        ("2023年1-11月，技术合同成交额6.02亿元。", [("6.02", "亿元", "2023-01/2023-11", "", "", "2023年1-11月，技术合同成交额6.02亿元")]),
        (
            "1-11月，技术合同成交额6.02亿元，2023年全年为7亿元。",
            [
                ("6.02", "亿元", "2024-01/2024-11", "", "", "1-11月，技术合同成交额6.02亿元"),
                ("7", "亿元", "2023", "", "", "2023年全年为7亿元"),
            ],
        ),
        (
            "全县新增企业5家，较2022年增加2家。",
            [
                ("5", "家", "2023", "inferred", "", "全县新增企业5家"),
                ("2", "家", "2023", "inferred", "", "较2022年增加2家"),
            ],
        ),
        (
            "截至2024年3月10日，全县研发费用填报8.5亿元，1-2月新增企业3家。",
            [
                ("8.5", "亿元", "2024", "", "2024-03-10", "全县研发费用填报8.5亿元"),
                ("3", "家", "2024-01/2024-02", "", "", "1-2月新增企业3家"),
            ],
        ),
    ],
)
def test_each_figure_has_the_period_its_sentence_gives_it(sentence: str, figures: list) -> None:
    assert read(sentence) == figures


def test_figures_of_one_unit_in_one_clause_each_keep_their_own_words() -> None:
    found = find("某局2024年工作总结\n新增高新技术企业12家、科技型中小企业30家，研发机构3个。", 2024)
    assert [(f.written, f.segment) for f in found] == [
        ("12", "新增高新技术企业12家"),
        ("30", "科技型中小企业30家"),
        ("3", "新增高新技术企业12家、科技型中小企业30家，研发机构3个"),
    ]


@pytest.mark.parametrize(
    ("sentence", "quote"),
    [
        ("甲，-乙，+新增3家。", "甲，-乙，+新增3家"),  # the clauses before start a formula too: back to the sentence's start
        ("-新增3家。", "新增3家"),  # nothing before: the formula characters are left out
        ("工作有序推进，+新增3家。", "工作有序推进，+新增3家"),
    ],
)
def test_a_quote_never_starts_a_spreadsheet_formula(sentence: str, quote: str) -> None:
    (figure,) = find("某局2024年工作总结\n" + sentence, 2024)
    assert figure.clause == quote


@pytest.mark.parametrize(
    ("sentence", "value", "note"),
    [
        ("技术合同登记数位居全市第2名。", 2, "名次范围：全市"),
        ("研发投入排名第3。", 3, "原文没有写明名次范围"),
        ("高新技术企业数量居全省第二。", 2, "名次范围：全省；原文写作“第二”，记为 2"),
        ("考核位列同考核单元第十二名。", 12, "名次范围：同考核单元；原文写作“第十二”，记为 12"),
        ("综合考核位列同考核单元第1名，位居全市前列。", 1, "名次范围：同考核单元"),
    ],
)
def test_a_rank_is_read_with_its_scope_and_its_words(sentence: str, value: int, note: str) -> None:
    (figure,) = find("某局2024年工作总结\n" + sentence, 2024)
    assert (figure.rank, figure.unit, figure.value, figure.note) == (True, "名", value, note)


def test_a_hard_wrapped_line_goes_on_on_the_next() -> None:
    """A line of 20 characters or more ending without punctuation was wrapped: the sentence goes on."""
    from macros.drafts.figures import soft_breaks

    text = "某局2024年工作总结\n全县规上工业企业研发机构覆盖率达到百分之四十五点二，高新\n技术企业新增12家。\n（二）下一段开头不接上，\n一、新的一项。\n"
    assert soft_breaks(text) == {40}
    (figure,) = find(text, 2024)
    assert figure.sentence == "全县规上工业企业研发机构覆盖率达到百分之四十五点二，高新\n技术企业新增12家"
    short = "某局2024年工作总结\n覆盖率达到\n新增12家。"
    assert soft_breaks(short) == set() and find(short, 2024)[0].sentence == "新增12家"


@pytest.mark.parametrize(
    ("sentence", "figures"),
    [
        ("2023年3月10日，新增企业5家。", [("5", "2023", "", "")]),
        ("截至2023年3月10日，新增企业5家。", [("5", "2023", "", "2023-03-10")]),
        ("新增企业5家，2023年新增3家。", [("5", "2024", "", ""), ("3", "2023", "", "")]),
    ],
)
def test_a_date_is_a_marker_once_and_a_later_year_marks_what_follows(sentence: str, figures: list) -> None:
    assert [(f.written, f.period, f.period_basis, f.as_of) for f in find("某局2024年工作总结\n" + sentence, 2024)] == figures


@pytest.mark.parametrize(
    ("text", "soft"),
    [
        ("报告\n全县规上工业企业研发机构覆盖率 达到百分之四十五点二高新\n技术企业新增12家。", {31}),  # the last break of a text without a final newline
        ("报告\n全县规上工业企业研发机构覆盖率达到百分之四十五点二高新\n一、新的一项。", set()),  # a new item starts on the next line
        ("报告\n全县规上工业企业研发机构覆盖率达到百分之四十五点二。   \n技术企业新增12家。", set()),  # a full stop before trailing spaces
    ],
)
def test_which_line_breaks_were_made_by_wrapping(text: str, soft: set[int]) -> None:
    from macros.drafts.figures import soft_breaks

    assert soft_breaks(text) == soft


@pytest.mark.parametrize(
    ("line", "soft"),
    [
        ("一二三四五六七八九十一二三四五六七八九十", {32}),  # 20 characters without punctuation: wrapped
        ("一二三四五六七八九十一二三四五六七八九", set()),  # 19: a short line ends where it ends
        ("  一二三四五六七八九十一二三四五六七八九  ", set()),  # 19 with spaces around: still short
    ],
)
def test_a_line_is_wrapped_from_twenty_characters(line: str, soft: set[int]) -> None:
    from macros.drafts.figures import soft_breaks

    assert soft_breaks("某局2024年工作总结\n" + line + "\n新增企业12家。") == soft


def test_a_long_last_line_or_one_before_a_blank_end_is_not_wrapped() -> None:
    from macros.drafts.figures import soft_breaks

    long = "全县规上工业企业研发机构覆盖率达到百分之四十五点二高新"
    assert soft_breaks(f"报告\n{long}\n") == set()
    assert soft_breaks(f"报告\n{long}\n   \n") == set()


@pytest.mark.parametrize(
    ("sentence", "written"),
    [
        ("印发《关于2024年新增50家企业的通知》，新增企业6家。", ["6"]),  # a year inside a name: the whole name is skipped
        ("实施“2024年50项”工程，新增企业6家。", ["6"]),
        ("2024年3月10日新增企业6家。", ["6"]),  # a date at the start of the sentence
    ],
)
def test_no_figure_is_read_inside_a_name_or_a_date(sentence: str, written: list[str]) -> None:
    assert [f.written for f in find("某局2024年工作总结\n" + sentence, 2024)] == written


@pytest.mark.parametrize(
    ("sentence", "segments"),
    [
        # the clause starts with a figure: the next figure's words start after the list mark
        ("甲乙丙，12家企业新获认定、30家企业新获备案。", [("12", "12家企业新获认定"), ("30", "30家企业新获备案")]),
        # two list marks between figures: the words after the last belong to the second figure
        ("认定A类企业12家、B类、C类企业共30家。", [("12", "认定A类企业12家"), ("30", "C类企业共30家")]),
        # no list mark between them: the first figure's words run to the second
        ("新增高新技术企业12家和科技型企业30家。", [("12", "新增高新技术企业12家和科技型企业"), ("30", "和科技型企业30家")]),
        # a figure of another unit between them is no neighbour
        ("新增企业12家、研发机构3个、孵化器2家。", [("12", "新增企业12家"), ("3", "新增企业12家、研发机构3个、孵化器2家"), ("2", "孵化器2家")]),
    ],
)
def test_each_figure_keeps_the_words_between_its_neighbours_of_one_unit(sentence: str, segments: list) -> None:
    assert [(f.written, f.segment) for f in find("某局2024年工作总结\n" + sentence, 2024)] == segments


@pytest.mark.parametrize(
    ("sentence", "segments"),
    [
        # the figure of one unit before is in another sentence: not a neighbour
        ("新增企业12家。其中A区30家，B区5家。", [("12", "新增企业12家"), ("30", "其中A区30家"), ("5", "B区5家")]),
        ("新增A类12家、B类30家和C类5家。", [("12", "新增A类12家"), ("30", "B类30家和C类"), ("5", "和C类5家")]),
        ("新增A类12家和B类30家，另有C类5家。", [("12", "新增A类12家和B类"), ("30", "和B类30家"), ("5", "另有C类5家")]),
    ],
)
def test_a_figures_neighbours_are_the_next_and_last_of_its_unit_in_its_clause(sentence: str, segments: list) -> None:
    assert [(f.written, f.segment) for f in find("某局2024年工作总结\n" + sentence, 2024)] == segments


def test_a_figure_beyond_the_reach_of_a_clause_is_no_neighbour() -> None:
    """A figure's clause reaches 200 characters past it: a figure starting there is outside its words."""
    words = "、" + "甲" * 199
    first, _ = find(f"新增A类12家{words}30家。", 2024)
    assert first.clause == first.segment == f"新增A类12家{words}"


def test_a_report_of_one_sentence_without_a_title_or_a_full_stop() -> None:
    (figure,) = find("全县新增企业12家", 2024)
    assert (figure.sentence, figure.clause, figure.segment, figure.period) == ("全县新增企业12家",) * 3 + ("2024",)


@pytest.mark.parametrize(
    ("sentence", "figures"),
    [
        # a later year ends the stretch a comparison reaches; 较2022年 right after 2023年 confirms it
        ("新增企业5家，2023年较2022年增加3家。", [("5", "2024", ""), ("3", "2023", "")]),
        # a comparison before a year marker stays with the figures before that marker
        ("较2022年增加企业2家，2024年新增企业5家。", [("2", "2023", "inferred"), ("5", "2024", "")]),
        # a sentence that starts with the comparison
        ("较2022年增加企业2家。", [("2", "2023", "inferred")]),
        # months keep their period whatever they are compared with
        ("1-11月，技术合同成交额6.02亿元，较2023年同期增长10%。", [("6.02", "2024-01/2024-11", ""), ("10", "2024-01/2024-11", "")]),
        # a year right after a cut-off date marks what follows
        ("截至2024年3月10日2023年全年新增企业5家。", [("5", "2023", "")]),
    ],
)
def test_a_comparison_year_reaches_only_to_the_next_marker(sentence: str, figures: list) -> None:
    assert [(f.written, f.period, f.period_basis) for f in find("某局2024年工作总结\n" + sentence, 2024)] == figures


@pytest.mark.parametrize(
    ("sentence", "written"),
    [
        ("3月10日，新增企业6家，印发《关于2024年新增50家企业的通知》。", ["6"]),  # names and dates merged once, among others
        ("全县2024年50家企业通过认定。", ["50"]),  # a figure right after a year is read
    ],
)
def test_skipped_stretches_end_where_they_end(sentence: str, written: list[str]) -> None:
    assert [f.written for f in find("某局2024年工作总结\n" + sentence, 2024)] == written


@pytest.mark.parametrize(
    ("sentence", "quote"),
    [
        ("-甲乙丙丁，+全县新增企业数量达到3家。", "全县新增企业数量达到3家"),  # the clause before starts a formula as well
    ],
)
def test_a_quote_skips_formula_characters_when_the_clause_before_starts_one_too(sentence: str, quote: str) -> None:
    (figure,) = find("某局2024年工作总结\n" + sentence, 2024)
    assert figure.clause == quote


def test_what_a_reviewer_reads_of_a_rank_and_a_forecast() -> None:
    rank, forecast, other = find("某局2024年工作总结\n高新技术企业数量全省排名山区县第二名。预计全年新增企业15家。新增研发面积3000平方米。", 2024)[:3]
    assert (rank.word, rank.flag, rank.note) == ("名", "from_wording", "名次范围：全省山区县；原文写作“第二”，记为 2")
    assert (forecast.forecast, forecast.note) == (True, "原文是预计或目标（“预计”“力争”）：不是已经达到的数")
    assert find("某局2024年工作总结\n研发投入排名第3。", 2024)[0].word == ""
    assert (other.unit, other.word, other.flag, other.segment) == ("", "平方米", "", "新增研发面积3000平方米")


def test_a_figure_without_a_unit_has_none() -> None:
    (figure,) = find("某局2024年工作总结\n全县科技型企业总数2000。", 2024)
    assert (figure.unit, figure.word, figure.clause) == ("", "", "全县科技型企业总数2000")


@pytest.mark.parametrize(
    ("sentence", "written"),
    [
        # sentences of real county reports, as the web page, the .docx or the PDF gave them
        ("索引号：1134072200312560X5/202405-00001，全县新增企业6家。", ["6"]),  # an index number is not a figure
        ("开政办发〔2020〕21号，新增企业6家。", ["6"]),  # nor a document number
        ("根据〔2021〕5号文件，新增企业6家。", ["6"]),
        ("联系电话：0562-3210968，新增企业6家。", ["6"]),  # nor a telephone number
        ("邮编：251600。新增企业6家。", ["6"]),  # nor a postal code
        ("区科技局1.科技指标完成情况新增企业6家。", ["6"]),  # a list number run into a heading by PDF reading
        ("统一社会信用代码913716267875", []),  # a long digit run with no unit
        ("代码123456789，新增企业6家。", ["6"]),  # nine digits: a code, and the figures after it are still read
        ("共12345678，新增企业6家。", ["12345678", "6"]),  # eight: a number
        ("- 3 -\n新增企业6家。", ["6"]),  # a page number
    ],
)
def test_what_is_not_a_figure_however_the_text_was_joined(sentence: str, written: list[str]) -> None:
    assert [f.written for f in find("某局2024年工作总结\n" + sentence, 2024)] == written


@pytest.mark.parametrize(
    ("sentence", "figures"),
    [
        ("技术交易额 99.8 亿元。", [("99.8", "亿元", "2024")]),  # a space before the unit (web and PDF text)
        ("技术交易额99.8\u3000亿元。", [("99.8", "亿元", "2024")]),  # a full-width one
        ("技术交易额99.8\n亿元。", [("99.8", "亿元", "2024")]),  # a line break
        ("2022 年全区 R&D 经费占 GDP 比重达 3.02%。", [("3.02", "%", "2022")]),  # a space before 年: a year, not a figure
        ("２０２２年全区新增企业６家。", [("６", "家", "2022")]),  # full-width digits
        ("研发经费支出11.55亿元，同比增长8.\n3%。", [("11.55", "亿元", "2024"), ("8.3", "%", "2024")]),  # broken after the point
        ("一是完成1.\n2.推进创新6项。", [("6", "项", "2024")]),  # list numbers on two lines are no decimal
    ],
)
def test_a_figure_is_read_through_spacing(sentence: str, figures: list) -> None:
    assert [(f.written, f.unit, f.period) for f in find("某局2024年工作总结\n" + sentence, 2024)] == figures
    assert all(f.clause in "某局2024年工作总结\n" + sentence for f in find("某局2024年工作总结\n" + sentence, 2024))  # quotes stay verbatim


@pytest.mark.parametrize(
    ("sentence", "figures"),
    [
        # sentences of real county reports: the period that governs each figure in its clause
        ("高新技术企业总数从2020年的52家增长至117家。", [("52", "家", "2020", ""), ("117", "家", "2024", "")]),
        ("截止 3 月底已完成技术合同交易额80.72 亿元。", [("80.72", "亿元", "2024", "2024-03-31")]),
        ("截至6月中旬，新增企业6家。", [("6", "家", "2024", "2024-06-20")]),
        ("截至2023年12月底，新增企业6家。", [("6", "家", "2023", "2023-12-31")]),
        ("上半年，新增企业6家。", [("6", "家", "2024-01/2024-06", "")]),
        ("前三季度，新增企业6家。", [("6", "家", "2024-01/2024-09", "")]),
        ("2023年一季度，新增企业6家。", [("6", "家", "2023-01/2023-03", "")]),
    ],
)
def test_each_figure_has_the_period_of_its_own_clause(sentence: str, figures: list) -> None:
    assert [(f.written, f.unit, f.period, f.as_of) for f in find("某局2024年工作总结\n" + sentence, 2024)] == figures


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        # multiples and rank moves of real county reports
        ("研发投入增长4倍多。", ("4", "", "倍", "lower_bound", "")),
        ("研发投入增长2倍余。", ("2", "", "倍", "lower_bound", "")),
        ("技术合同成交额是上年的3倍。", ("3", "", "倍", "", "")),
        ("全省县域创新能力排名上升16位。", ("16", "", "位", "", "名次变化（上升16位），不是名次，也不是人数")),
        ("引进高层次人才3位。", ("3", "人", "位", "", "")),
        ("建成3个多功能平台。", ("3", "个", "个", "", "")),  # 多 of 多功能 qualifies nothing
    ],
)
def test_multiples_and_rank_moves_keep_their_words(sentence: str, figure: tuple) -> None:
    (f,) = find("某局2024年工作总结\n" + sentence, 2024)
    assert (f.written, f.unit, f.word, f.qualifier, f.note) == figure


@pytest.mark.parametrize(
    ("sentence", "note"),
    [
        ("一县四区增幅排名第一。", "名次范围：一县四区；原文写作“第一”，记为 1"),  # the scope earlier in the clause
        ("全市排名第212位。", "名次范围：全市；名次 212 大于 50：请对照原文核对（可能是几个名次连在了一起）"),
        ("全市排名第50位。", "名次范围：全市"),  # 50 is a rank a county can have
    ],
)
def test_a_ranks_scope_is_kept_and_an_unlikely_rank_is_flagged(sentence: str, note: str) -> None:
    (f,) = find("某局2024年工作总结\n" + sentence, 2024)
    assert f.rank and f.note == note


def test_the_validator_reads_a_broken_decimal_as_the_importer_does() -> None:
    """增长8.↵3%: the row the importer proposes (8.3 and its verbatim quote) passes the validator once accepted."""
    from decimal import Decimal

    from macros.data.rules.quotes import value_in_quote

    (_, growth) = find("某局2024年工作总结\n研发经费支出11.55亿元，同比增长8.\n3%。", 2024)
    assert growth.value == Decimal("8.3") and "8.\n3%" in growth.clause and value_in_quote(growth.value, growth.clause)
    assert not value_in_quote(Decimal("1.2"), "完成1.\n2.推进")


def test_doubling_in_words_is_a_multiple_read_from_words() -> None:
    """翻一番 (a sentence of real reports): twice as much, in 倍, read from the words."""
    (f,) = find("某局2024年工作总结\n全县技术合同成交额翻一番。", 2024)
    assert (f.value, f.unit, f.word, f.qualifier, f.flag, f.note) == (2, "", "倍", "", "from_wording", "原文写作“翻一番”，即为原来的 2 倍")
    (g,) = find("某局2024年工作总结\n高新技术企业数量翻两番。", 2024)
    assert g.value == 4
