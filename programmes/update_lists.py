"""Lists of updates as readers page through them: a few on a programme's page, ten a page on the
news list, which readers can narrow to one programme."""

from django import forms
from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _

UPDATES_PER_PAGE = 10
LATEST_COUNT = 3


class UpdateFilterForm(forms.Form):
    """Choose the updates of one programme; the form is sent with GET, so it works without
    JavaScript and its address can be shared."""

    programme = forms.ModelChoiceField(
        label=_("Programme"),
        required=False,
        queryset=None,  # the list's own programmes, given to each form
        to_field_name="slug",
        empty_label=_("All updates"),
    )

    def __init__(self, *args, programmes, **kwargs):
        """`programmes`: the live programmes of the list's language."""
        super().__init__(*args, **kwargs)
        # Slugs are the same in every language, so a filtered address works in each.
        self.fields["programme"].queryset = programmes.order_by("title")


def page_of_updates(updates, number):
    """One page of updates; `number` as the reader sent it. Raises `InvalidPage` (the caller
    answers 404) for a page that does not exist or is not a number."""
    paginator = Paginator(updates, UPDATES_PER_PAGE)
    return paginator.page(number or 1)


def page_numbers(page):
    """The page numbers to link to: the first and last, and two either side of the current
    one; None stands for the numbers left out, so that a long list stays short."""
    paginator = page.paginator
    return [
        number if number != paginator.ELLIPSIS else None
        for number in paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    ]
