"""Reading the State Council's yearly holiday notice (国务院办公厅关于XXXX年部分节假日安排的通知).

The year comes from the title. The days come from the numbered items, one per festival
("一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。"). Every sentence of an
item is read clause by clause; the wordings of the notices since 2008 are understood:

- days off: "1月1日放假", "2月15日至23日放假调休", "9月29日至10月6日放假", "放假公休", "放假1天",
  "2018年12月30日至2019年1月1日放假调休", with "，共N天" checked against the range;
- "与周末连休" and "不调休" (nothing to add), "4月6日（星期一）补休" (a day off);
- make-up working days: "2月11日（星期日）、2月24日（星期六）上班";
- notes in parentheses: the weekday ("周四", "星期日"), checked against the date, and lunar dates
  ("农历腊月二十八");
- sentences that only name a date ("1月1日（周一）为元旦") or advise ("鼓励……安排职工在除夕（2月9日）
  休息") change nothing.

Anything else that names a date, or speaks of days off without one, is refused with the sentence
quoted: a notice is imported completely or not at all. Text outside the numbered items (the
salutation, the closing paragraph, the signature) is skipped, but a day off or working day stated
there is refused.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

TITLE = re.compile(r"国务院办公厅关于(\d{4})年部分节假日安排的通知")

# Full-width punctuation and digits to ASCII, one character for one, so positions stay valid.
_NARROW = str.maketrans(
    "（）［］，：；～－—–―０１２３４５６７８９\u3000",
    "()[],:;~----0123456789 ",
)
_ITEM_HEADER = re.compile(r"(?m)(?:^|(?<=。))[ \t]*([一二三四五六七八九十]{1,3})、([^:\n。\d]{1,40}?):")
_SENTENCE_END = re.compile(r"[。;\n]")
_DATE = re.compile(r"(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日(?:\(([^()]*)\))?")
_ANY_DATE = re.compile(r"\d{1,2}日")
_SIGNATURE = re.compile(r"(?:国务院办公厅)?\d{4}年\d{1,2}月\d{1,2}日")
_DAY_WORDS = re.compile(r"放假|上班|补休|调休|补班")
_WEEKDAY = re.compile(r"(?:周|星期|礼拜)([一二三四五六日天])")
_WEEKDAY_NUMBER = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_NAMED_DAYS = (
    "除夕",
    "元旦",
    "新年",
    "春节",
    "清明节",
    "劳动节",
    "端午节",
    "中秋节",
    "国庆节",
    "法定节假日",
    "法定假日",
)

_T = "§"  # stands for one date (with its parentheses) once the dates are taken out of a clause
_OFF = re.compile(rf"{_T}(?:(?:至|-|~){_T})?放假(?:调休|公休)?(?:共?(\d+)天)?")
_TOTAL = re.compile(r"共(\d+)天")
_NOTHING = re.compile(r"与周末连休|不调休")
_MAKE_UP_REST = re.compile(rf"{_T}(?:、{_T})*补休(?:1天|一天)?")
_WORK = re.compile(rf"{_T}(?:、{_T})*(?:上班|补班)")
_INFO = re.compile(rf"{_T}为(?:{'|'.join(_NAMED_DAYS)}|农历\S*)")
_LONGEST_RANGE = 31


class NoticeError(Exception):
    """The notice cannot be imported; `part` is the text that was not understood (may be empty)."""

    def __init__(self, message: str, part: str = ""):
        super().__init__(message)
        self.message, self.part = message, part


@dataclass(frozen=True)
class NoticeDay:
    date: datetime.date
    is_workday: bool
    note: str

    @property
    def kind(self) -> str:
        return "work" if self.is_workday else "off"


@dataclass
class ParsedNotice:
    """What a notice says: every day off (weekends included) and every make-up working day."""

    year: int
    days_off: dict[datetime.date, str] = field(default_factory=dict)
    work_days: dict[datetime.date, str] = field(default_factory=dict)

    def differences(self) -> list[NoticeDay]:
        """The dates that differ from the weekday rule, sorted: weekdays off, weekend days at work."""
        days = [NoticeDay(d, False, note) for d, note in self.days_off.items() if d.weekday() < 5]
        days += [NoticeDay(d, True, note) for d, note in self.work_days.items() if d.weekday() >= 5]
        return sorted(days, key=lambda day: day.date)


def _not_understood(part: str) -> NoticeError:
    return NoticeError(_("This part of the notice was not understood: “%(part)s”") % {"part": part}, part)


def _weekday_name(number: int) -> str:
    return [_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"), _("Saturday"), _("Sunday")][number]


@dataclass
class _Token:
    year: int | None
    month: int | None
    day: int
    paren: str | None
    date: datetime.date | None = None


class _Reader:
    def __init__(self, year: int):
        self.notice = ParsedNotice(year=year)
        self.year = year

    # One sentence: `quote` is the original text, for messages; `text` is narrowed, without spaces.
    def sentence(self, text: str, quote: str, note: str | None) -> int:
        """Read one sentence; the number of days off it states. note is None outside the items."""
        if not text or text.startswith("鼓励") or _SIGNATURE.fullmatch(text) or TITLE.search(text):
            return 0
        if not _ANY_DATE.search(text):
            if note is not None and _DAY_WORDS.search(text):
                raise _not_understood(quote)
            return 0
        tokens: list[_Token] = []

        def take(match: re.Match) -> str:
            year, month, day, paren = match.groups()
            tokens.append(_Token(int(year) if year else None, int(month) if month else None, int(day), paren))
            return _T

        shape = _DATE.sub(take, text)
        self._resolve(tokens, shape, quote, new_year=note is not None and "元旦" in note)
        dates = iter(t.date for t in tokens)
        off_count = 0
        last_range: int | None = None
        for clause in shape.split(","):
            if match := _OFF.fullmatch(clause):
                start = next(dates)
                end = next(dates) if clause.count(_T) == 2 else start
                span = (end - start).days + 1
                if match.group(1) and int(match.group(1)) != span:
                    raise self._count_mismatch(quote, span, int(match.group(1)))
                last_range = span
                for i in range(span):
                    self._off(start + datetime.timedelta(days=i), note, quote)
                off_count += span
            elif match := _TOTAL.fullmatch(clause):
                if last_range is None:
                    raise _not_understood(quote)
                if int(match.group(1)) != last_range:
                    raise self._count_mismatch(quote, last_range, int(match.group(1)))
            elif _NOTHING.fullmatch(clause) and off_count:
                pass
            elif _MAKE_UP_REST.fullmatch(clause):
                for _i in range(clause.count(_T)):
                    self._off(next(dates), note, quote)
                    off_count += 1
            elif _WORK.fullmatch(clause):
                for _i in range(clause.count(_T)):
                    self._work(next(dates), note, quote)
            elif _INFO.fullmatch(clause):
                next(dates)
            else:
                raise _not_understood(quote)
        return off_count

    def _resolve(self, tokens: list[_Token], shape: str, quote: str, new_year: bool) -> None:
        """Give every date its year and month: a date without a month ("至3日") takes the month and
        year of the date before it; a range's end without a year takes the start's year (plus one
        if it would end before it starts); a December date of the New Year item is in the year
        before; any other date without a year is in the notice's year."""
        range_ends = set()
        position = 0
        for i, char in enumerate(shape):
            if char == _T:
                if shape[max(0, i - 1)] in "至-~" and position:
                    range_ends.add(position)
                position += 1
        previous: _Token | None = None
        for n, token in enumerate(tokens):
            explicit_year = token.year is not None
            if token.month is None:
                if previous is None:
                    raise _not_understood(quote)
                token.month = previous.month
                token.year = token.year or previous.year
            if token.year is None:
                if n in range_ends and previous:
                    token.year = previous.year
                else:
                    token.year = self.year - 1 if new_year and token.month == 12 else self.year
            try:
                token.date = datetime.date(token.year, token.month, token.day)
            except ValueError:
                raise NoticeError(_("“%(part)s”: there is no such date.") % {"part": quote}, quote) from None
            if n in range_ends and previous is not None:
                if token.date < previous.date and not explicit_year:
                    token.year += 1
                    token.date = token.date.replace(year=token.year)
                if not 0 <= (token.date - previous.date).days < _LONGEST_RANGE:
                    raise _not_understood(quote)
            self._check_year(token.date, quote)
            self._check_paren(token, quote)
            previous = token

    def _check_year(self, day: datetime.date, quote: str) -> None:
        if day.year == self.year or (day.year == self.year - 1 and day.month == 12):
            return
        raise NoticeError(
            _("“%(part)s”: %(date)s does not belong to the notice for %(year)s.")
            % {"part": quote, "date": day, "year": self.year},
            quote,
        )

    def _check_paren(self, token: _Token, quote: str) -> None:
        if token.paren is None:
            return
        for part in re.split(r"[、,]", token.paren):
            if not part or part.startswith("农历") or part in _NAMED_DAYS:
                continue
            weekday = _WEEKDAY.fullmatch(part)
            if weekday is None:
                raise _not_understood(quote)
            stated = _WEEKDAY_NUMBER[weekday.group(1)]
            if stated != token.date.weekday():
                raise NoticeError(
                    _("“%(part)s”: %(date)s is a %(actual)s, not a %(stated)s.")
                    % {
                        "part": quote,
                        "date": token.date,
                        "actual": _weekday_name(token.date.weekday()),
                        "stated": _weekday_name(stated),
                    },
                    quote,
                )

    def _count_mismatch(self, quote: str, span: int, stated: int) -> NoticeError:
        return NoticeError(
            _("“%(part)s”: the range has %(span)d days, the text says %(stated)d.")
            % {"part": quote, "span": span, "stated": stated},
            quote,
        )

    def _off(self, day: datetime.date, note: str | None, quote: str) -> None:
        if note is None:
            raise NoticeError(_("“%(part)s”: days off must be stated in the numbered items.") % {"part": quote}, quote)
        if day in self.notice.work_days:
            raise self._conflict(day, quote)
        self.notice.days_off.setdefault(day, note)

    def _work(self, day: datetime.date, note: str | None, quote: str) -> None:
        if note is None:
            raise NoticeError(
                _("“%(part)s”: working days must be stated in the numbered items.") % {"part": quote}, quote
            )
        if day in self.notice.days_off:
            raise self._conflict(day, quote)
        self.notice.work_days.setdefault(day, note)

    def _conflict(self, day: datetime.date, quote: str) -> NoticeError:
        return NoticeError(
            _("“%(part)s”: %(date)s is both a day off and a working day.") % {"part": quote, "date": day}, quote
        )


def _sentences(original: str, narrow: str, start: int, end: int):
    """(narrowed text without spaces, original text) of each sentence in original[start:end]."""
    position = start
    for match in _SENTENCE_END.finditer(narrow, start, end):
        yield re.sub(r"\s+", "", narrow[position : match.start()]), original[position : match.start()].strip()
        position = match.end()
    yield re.sub(r"\s+", "", narrow[position:end]), original[position:end].strip()


def parse_notice(text: str) -> ParsedNotice:
    """Read a notice; NoticeError (with the part not understood) unless every day-related sentence
    is understood."""
    if not text or not text.strip():
        raise NoticeError(_("The text is empty."))
    narrow = text.translate(_NARROW)
    title = TITLE.search(re.sub(r"\s+", "", narrow))
    if title is None:
        raise NoticeError(
            _("The title “国务院办公厅关于XXXX年部分节假日安排的通知” was not found; the year is taken from it.")
        )
    reader = _Reader(int(title.group(1)))
    headers = list(_ITEM_HEADER.finditer(narrow))
    if not headers:
        raise NoticeError(_("No numbered holiday items (such as “一、元旦：……”) were found."))
    for sentence, quote in _sentences(text, narrow, 0, headers[0].start()):
        reader.sentence(sentence, quote, None)
    for n, header in enumerate(headers):
        end = headers[n + 1].start() if n + 1 < len(headers) else len(narrow)
        note = re.sub(r"\s+", "", header.group(2))
        off_days = 0
        for sentence, quote in _sentences(text, narrow, header.end(), end):
            off_days += reader.sentence(sentence, quote, note)
        if not off_days:
            item = text[header.start() : end].strip()
            raise NoticeError(_("“%(part)s”: no day off was found in this item.") % {"part": item}, item)
    return reader.notice
