"""Weekly opening hours with exceptions, and what they mean for a given day in Warsaw."""

import calendar
import datetime
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext, gettext_lazy as _, pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel

WEEKDAYS = [
    (0, pgettext_lazy("day of the week, as written mid-sentence", "Monday")),
    (1, pgettext_lazy("day of the week, as written mid-sentence", "Tuesday")),
    (2, pgettext_lazy("day of the week, as written mid-sentence", "Wednesday")),
    (3, pgettext_lazy("day of the week, as written mid-sentence", "Thursday")),
    (4, pgettext_lazy("day of the week, as written mid-sentence", "Friday")),
    (5, pgettext_lazy("day of the week, as written mid-sentence", "Saturday")),
    (6, pgettext_lazy("day of the week, as written mid-sentence", "Sunday")),
]


class WeekdaysField(models.CharField):
    """A set of weekdays stored as digits, Monday being 0: "0124" is Monday–Wednesday and Friday."""

    def __init__(self, *args, **kwargs):
        kwargs["max_length"] = 7
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        del kwargs["max_length"]
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if value is None:
            return []
        if isinstance(value, str):
            return sorted({int(char) for char in value if char.isdigit() and int(char) < 7})
        return sorted({int(day) for day in value})

    def get_prep_value(self, value):
        return "".join(str(day) for day in self.to_python(value))

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=WEEKDAYS,
            coerce=int,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
        )


class HoursRuleKind(models.TextChoices):
    WEEKLY = "weekly", _("Every week on the chosen days")
    LAST_DAY_OF_MONTH = "last_day_of_month", _("The last day of every month")
    DATE = "date", _("One date")


@dataclass(frozen=True)
class DayHours:
    """What a place keeps on one day: open from–to, or closed."""

    day: datetime.date
    opens: datetime.time | None
    closes: datetime.time | None
    is_exception: bool = False

    @property
    def is_open(self):
        return self.opens is not None and self.closes is not None

    def __str__(self):
        if not self.is_open:
            return gettext("closed")
        return format_time_range(self.opens, self.closes)


def format_time_range(opens, closes):
    return f"{opens:%-H:%M}–{closes:%-H:%M}"


def is_last_day_of_month(day):
    return day.day == calendar.monthrange(day.year, day.month)[1]


def describe_weekdays(days):
    """ "Monday – Wednesday and Friday": runs of three or more days are shown as a range."""
    names = dict(WEEKDAYS)
    runs, run = [], []
    for day in sorted(days):
        if run and day != run[-1] + 1:
            runs.append(run)
            run = []
        run.append(day)
    if run:
        runs.append(run)
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{names[run[0]]} – {names[run[-1]]}")
        else:
            parts.extend(str(names[day]) for day in run)
    if len(parts) <= 1:
        return "".join(parts)
    return gettext("%(first)s and %(last)s") % {
        "first": ", ".join(parts[:-1]),
        "last": parts[-1],
    }


class AbstractOpeningHours(models.Model):
    """One line of a place's hours. Leave both times empty to say the place is closed then."""

    kind = models.CharField(
        _("applies to"),
        max_length=20,
        choices=HoursRuleKind.choices,
        default=HoursRuleKind.WEEKLY,
        help_text=_(
            "Weekly lines give the usual hours. 'The last day of every month' replaces them on "
            "that day when it is a working day; 'One date' replaces them on that date."
        ),
    )
    weekdays = WeekdaysField(_("days of the week"), blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    opens = models.TimeField(_("opens at"), null=True, blank=True)
    closes = models.TimeField(_("closes at"), null=True, blank=True)

    panels = [
        FieldPanel("kind"),
        FieldPanel("weekdays"),
        FieldPanel("date"),
        FieldRowPanel([FieldPanel("opens"), FieldPanel("closes")]),
    ]

    class Meta:
        abstract = True

    def clean(self):
        errors = {}
        if self.kind == HoursRuleKind.WEEKLY and not self.weekdays:
            errors["weekdays"] = _("Choose at least one day of the week.")
        if self.kind == HoursRuleKind.DATE and not self.date:
            errors["date"] = _("Give the date these hours apply to.")
        if (self.opens is None) != (self.closes is None):
            errors["closes"] = _("Give both times, or neither if the place is closed.")
        elif self.opens and self.closes and self.closes <= self.opens:
            errors["closes"] = _("The closing time must be later than the opening time.")
        if errors:
            raise ValidationError(errors)

    def applies_on(self, day):
        if self.kind == HoursRuleKind.WEEKLY:
            return day.weekday() in self.weekdays
        if self.kind == HoursRuleKind.LAST_DAY_OF_MONTH:
            return is_last_day_of_month(day)
        return self.date == day

    def describe_when(self):
        if self.kind == HoursRuleKind.WEEKLY:
            return describe_weekdays(self.weekdays)
        if self.kind == HoursRuleKind.LAST_DAY_OF_MONTH:
            return gettext("the last day of the month")
        return formats.date_format(self.date, "DATE_FORMAT")

    def describe_hours(self):
        if self.opens is None:
            return gettext("closed")
        return format_time_range(self.opens, self.closes)


class OpeningHoursMixin:
    """For a model whose `opening_hours` relation holds `AbstractOpeningHours` lines."""

    def hours_on(self, day):
        rules = list(self.opening_hours.all())
        # A one-date line wins over everything: it can close a working day or open a Saturday.
        for rule in rules:
            if rule.kind == HoursRuleKind.DATE and rule.applies_on(day):
                return DayHours(day, rule.opens, rule.closes, is_exception=True)
        weekly = [
            rule for rule in rules if rule.kind == HoursRuleKind.WEEKLY and rule.applies_on(day)
        ]
        usual = next((rule for rule in weekly if rule.opens), None)
        if usual is None:
            return DayHours(day, None, None)
        # The last-day-of-month line changes the hours of a working day; weekends stay closed.
        for rule in rules:
            if rule.kind == HoursRuleKind.LAST_DAY_OF_MONTH and rule.applies_on(day):
                return DayHours(day, rule.opens, rule.closes, is_exception=True)
        return DayHours(day, usual.opens, usual.closes)

    def hours_today(self):
        return self.hours_on(timezone.localdate())

    def hours_lines(self):
        """Every line, weekly first, for a full listing such as "Monday – Friday 10:00–14:00"."""
        order = {HoursRuleKind.WEEKLY: 0, HoursRuleKind.LAST_DAY_OF_MONTH: 1, HoursRuleKind.DATE: 2}
        rules = list(self.opening_hours.all())
        today = timezone.localdate()
        rules = [r for r in rules if r.kind != HoursRuleKind.DATE or r.date >= today]
        return sorted(rules, key=lambda rule: order[rule.kind])
