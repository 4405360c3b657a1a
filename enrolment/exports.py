"""CSV and XLSX exports of applications that a spreadsheet cannot turn against its reader.

Wagtail's SpreadsheetExportMixin writes values as they are (Wagtail issue 3466): an answer such as
`=HYPERLINK(...)` would run as a formula when the file is opened. Every text cell, headings
included, that starts with a formula trigger (also behind blanks or invisible marks, which
spreadsheets skip) gets a leading apostrophe. Characters that a workbook cannot hold (control
characters, lone surrogates) would make openpyxl refuse the whole file, and the CSV must say the
same as the workbook: in both they become U+FFFD, so that the reader sees that something was there.
"""

import re
import unicodedata

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _, pgettext_lazy

from .admin_views.answers import AnswerColumns, language_name, system_labels
from .audit import log_exported

# The ASCII triggers, and their full-width forms, which some spreadsheets read the same way.
FORMULA_TRIGGERS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
# Skipped by spreadsheets before a formula: blanks, line breaks and invisible format marks
# (right-to-left marks, zero-width spaces, the byte-order mark).
_SKIPPED_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})
# XML 1.0, the workbook's format, has no place for these; the CSV follows suit.
UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def _reads_as_formula(text):
    for char in text:
        if char in FORMULA_TRIGGERS:
            return True
        if not (char.isspace() or unicodedata.category(char) in _SKIPPED_CATEGORIES):
            return False
    return False


def neutralise(value, split_at_separators=False):
    """A text value that a spreadsheet can neither refuse nor read as a formula.

    With `split_at_separators`, also each part after a `;` or a tab: a CSV cell holding one is
    written unquoted (a comma gets the cell quoted), and a spreadsheet that splits lines at it
    (Excel in Polish at `;`, an import at tabs) reads each part as a cell of its own."""
    if not isinstance(value, str):
        return value
    value = UNWRITABLE.sub(REPLACEMENT, value)
    if split_at_separators:
        parts = _SEPARATORS.split(value)
        # parts alternate: text, separator, text, …; the first is the value's start, below.
        for index in range(2, len(parts), 2):
            if _reads_as_formula(parts[index]):
                parts[index] = "'" + parts[index]
        value = "".join(parts)
    if _reads_as_formula(value):
        return "'" + value
    return value


_SEPARATORS = re.compile(r"([;\t])")


class SafeSpreadsheetExportMixin:
    """Put before Wagtail's IndexView (or SpreadsheetExportMixin) in the bases."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return neutralise(value, split_at_separators=export_format == "csv")

    def get_heading(self, queryset, field):
        # Headings do not know the format: split as in the CSV (a label is rarely a formula
        # after a separator, and then an apostrophe in the workbook does no harm).
        return neutralise(super().get_heading(queryset, field), split_at_separators=True)


def _local_time(value):
    return timezone.localtime(value).replace(tzinfo=None) if value else None


class ApplicationExportMixin(SafeSpreadsheetExportMixin):
    """One row per application: where it was routed, then one column per answer seen."""

    base_export_fields = [
        "reference",
        "submit_time",
        "programme",
        "edition",
        "team",
        "status",
        "channel",
        "applicant_name",
        "language",
    ]
    export_headings = {
        "reference": _("Reference number"),
        # "Received", as in the list: a phone application was never "sent".
        "submit_time": _("Received"),
        "programme": _("Programme"),
        "edition": pgettext_lazy("application", "Edition"),
        "team": _("Team"),
        "status": _("Status"),
        "channel": _("Channel"),
        "language": _("Language of the form"),
    }
    custom_field_preprocess = {
        "submit_time": {
            "csv": lambda value: value.strftime("%Y-%m-%d %H:%M") if value else "",
            "xlsx": None,
        },
    }

    def get_export_url(self, format):
        # The list's own address with its filters, search and order, whichever view (the whole
        # page or the results refreshed by the filters) drew the button; every row, not a page.
        params = self.request.GET.copy()
        for param in ("p", "_w_filter_fragment"):
            params.pop(param, None)
        params["export"] = format
        return f"{self.index_url}?{params.urlencode()}"

    def get_filename(self):
        return f"applications-{timezone.localdate().isoformat()}"

    def as_spreadsheet(self, queryset, spreadsheet_format):
        applications = list(queryset.select_related("programme", "team", "page"))
        # Choices in the source language, with the answers as seen beside them where they differ.
        # The name has a column of its own beside the routing ones.
        self._answer_columns = AnswerColumns(applications, without=["applicant_name"])
        self._answer_headings = {
            **self._answer_columns.headings,
            # Headed like the list's column and the answers beside it (answers.ADMIN_LABELS).
            "applicant_name": system_labels()["applicant_name"],
        }
        self.list_export = [*self.base_export_fields, *self._answer_columns.fields]
        log_exported(applications, self.request.user, spreadsheet_format)
        return super().as_spreadsheet(applications, spreadsheet_format)

    def write_csv_response(self, queryset):
        # Written now, while the admin user's language is active: Wagtail's lazy stream would be
        # written after the view returns, in the site's default language. The byte-order mark
        # lets Excel read the Polish letters as UTF-8.
        lines = ["\ufeff", *self.stream_csv(queryset)]
        response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.csv"'
        return response

    def get_heading(self, queryset, field):
        if field in self._answer_headings:
            return neutralise(str(self._answer_headings[field]), split_at_separators=True)
        return super().get_heading(queryset, field)

    def to_row_dict(self, item):
        row = {
            "reference": item.reference,
            "submit_time": _local_time(item.submit_time),
            "programme": item.programme.title if item.programme else "",
            "edition": item.edition_number,
            "team": item.team.name,
            "status": str(item.get_status_display()),
            "channel": str(item.get_channel_display()),
            "applicant_name": (item.form_data or {}).get("applicant_name") or "",
            "language": language_name(item.language),
        }
        row.update(self._answer_columns.row(item))
        return row
