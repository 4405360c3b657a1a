"""What a browser would post from a form in the Wagtail admin: its fields and their values.

Tests read the editor's own page and post it back with a few changes, so they do not need to
know every field of a page type. Stream fields are built by JavaScript from a JSON state;
only empty ones are supported (posted as "<name>-count=0").
"""

import json
from html.parser import HTMLParser

SKIPPED_INPUT_TYPES = {"submit", "button", "image", "reset", "file"}


class _FormReader(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.in_template = 0
        self.fields = []
        self.textarea = None
        self.select = None
        self.option = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.in_form = True
        if not self.in_form:
            return
        if tag == "template":
            self.in_template += 1
        if self.in_template:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type", "text") not in SKIPPED_INPUT_TYPES:
            if attrs.get("type") in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields.append((name, attrs.get("value") or "on"))
            else:
                self.fields.append((name, attrs.get("value") or ""))
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select:
            self.option = [attrs.get("value"), "", "selected" in attrs]
        elif "w-block" in (attrs.get("data-controller") or "").split():
            value, _error = json.loads(attrs["data-w-block-arguments-value"])
            if value:
                raise NotImplementedError(f"The stream field {attrs['id']} has content.")
            self.fields.append((f"{attrs['id']}-count", "0"))

    def handle_endtag(self, tag):
        if not self.in_form:
            return
        if tag == "template":
            self.in_template -= 1
        elif tag == "form" and not self.in_template:
            self.in_form = False
        elif tag == "textarea" and self.textarea:
            # The newline right after <textarea> is not part of the value.
            name, text = self.textarea
            self.fields.append((name, text.removeprefix("\n")))
            self.textarea = None
        elif tag == "option" and self.option:
            value, text, selected = self.option
            if selected:
                self.fields.append((self.select, text if value is None else value))
            self.option = None
        elif tag == "select":
            self.select = None

    def handle_data(self, data):
        if self.textarea:
            self.textarea[1] += data
        elif self.option:
            self.option[1] += data


def form_data(html, form_id, **changes):
    """The form's fields as the test client's POST data, with `changes` replacing values."""
    reader = _FormReader(form_id)
    reader.feed(html)
    if not reader.fields:
        raise AssertionError(f"No form with the id {form_id!r} and fields in the page.")
    data = {}
    for name, value in reader.fields:
        data.setdefault(name, []).append(value)
    for name, value in changes.items():
        data[name] = value
    return data


def page_form_data(client, url, **changes):
    """The page editor's form at `url` (edit or create view)."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return form_data(response.content.decode(), "page-edit-form", **changes)


def with_new_row(data, relation, **values):
    """A page editor's data with one more row of an inline panel (`relation`: the formset's
    prefix), as its "Add" button makes it: (data, the row's index in the formset)."""
    index = int(data[f"{relation}-TOTAL_FORMS"][0])
    data[f"{relation}-TOTAL_FORMS"] = [str(index + 1)]
    row = {"id": "", "ORDER": str(index + 1), "DELETE": "", **values}
    data.update({f"{relation}-{index}-{name}": [value] for name, value in row.items()})
    return data, index


def with_new_question(data, label, field_type="singleline", *, choices="", autocomplete=""):
    """The enrolment form page editor's data with one more question, as the "Add question"
    button makes it: (data, the question's index in the formset)."""
    return with_new_row(
        data,
        "form_fields",
        label=label,
        field_type=field_type,
        required="on",
        choices=choices,
        default_value="",
        help_text="",
        autocomplete=autocomplete,
    )
