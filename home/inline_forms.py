"""The rows of an inline panel as a page's admin form is about to save them, for checks that
look across rows (two editions with one number) or at rows being deleted."""


def kept_forms(formset):
    """The rows' forms that will be saved: valid and not being deleted."""
    return [
        form
        for form in (formset.forms if formset else [])
        if form.is_valid() and not form.cleaned_data.get("DELETE")
    ]


def deleted_instances(formset):
    """The stored rows the editor is deleting."""
    return [
        form.instance
        for form in (formset.forms if formset else [])
        if form.instance.pk and form.is_valid() and form.cleaned_data.get("DELETE")
    ]
