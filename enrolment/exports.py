"""CSV and XLSX exports of applications that a spreadsheet cannot turn against its reader.

Wagtail's SpreadsheetExportMixin writes values as they are (Wagtail issue 3466): an answer such as
`=HYPERLINK(...)` would run as a formula when the file is opened. Every text cell, headings
included, that starts with a formula trigger gets a leading apostrophe.
"""

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _, pgettext_lazy
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from .admin_views.answers import AnswerLabels, format_answer
from .audit import log_exported

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
ANSWER_PREFIX = "answer:"


def neutralise(value):
    """A text value that a spreadsheet would read as a formula, made plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


class SafeSpreadsheetExportMixin:
    """Put before Wagtail's IndexView (or SpreadsheetExportMixin) in the bases."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_XLSX and isinstance(value, str):
            # openpyxl refuses control characters; a stray one must not break the export.
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
        return neutralise(value)

    def get_heading(self, queryset, field):
        return neutralise(super().get_heading(queryset, field))


def _local_time(value):
    return timezone.localtime(value).replace(tzinfo=None) if value else None


class ApplicationExportMixin(SafeSpreadsheetExportMixin):
    """One row per application: where it was routed, then one column per answer seen."""

    base_export_fields = ["reference", "submit_time", "programme", "edition", "team", "status"]
    export_headings = {
        "reference": _("Reference number"),
        "submit_time": _("Submitted"),
        "programme": _("Programme"),
        "edition": pgettext_lazy("application", "Edition"),
        "team": _("Team"),
        "status": _("Status"),
    }
    custom_field_preprocess = {
        "submit_time": {
            "csv": lambda value: value.strftime("%Y-%m-%d %H:%M") if value else "",
            "xlsx": None,
        },
    }

    def get_filename(self):
        return f"applications-{timezone.localdate().isoformat()}"

    def as_spreadsheet(self, queryset, spreadsheet_format):
        applications = list(queryset.select_related("programme", "team", "page"))
        self._answer_labels = AnswerLabels()
        self._answer_headings = {}
        answer_fields = []
        for application in applications:
            for name in self._answer_labels.ordered_names(application):
                field = ANSWER_PREFIX + name
                if field not in self._answer_headings:
                    answer_fields.append(field)
                    self._answer_headings[field] = self._answer_labels.label(application, name)
        self.list_export = [*self.base_export_fields, *answer_fields]
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
            return neutralise(str(self._answer_headings[field]))
        return super().get_heading(queryset, field)

    def to_row_dict(self, item):
        row = {
            "reference": item.reference,
            "submit_time": _local_time(item.submit_time),
            "programme": item.programme.title if item.programme else "",
            "edition": item.edition_number,
            "team": item.team.name,
            "status": str(item.get_status_display()),
        }
        data = item.form_data or {}
        for field in self.list_export[len(self.base_export_fields) :]:
            value = data.get(field.removeprefix(ANSWER_PREFIX))
            row[field] = format_answer(value)
        return row
