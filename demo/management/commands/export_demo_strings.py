import polib
from django.core.management.base import BaseCommand
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from demo.translate_catalogue import catalogue_path
from demo.translate_objects import pages_to_translate, snippets_to_translate


class Command(BaseCommand):
    help = (
        "Write the Polish strings of the demo site to demo/translations/source.pot, the "
        "template from which en.po and uk.po are translated. Run it after changing the demo's "
        "Polish texts, then translate the new entries."
    )

    def handle(self, *args, **options):
        locale = Locale.get_default()
        template = polib.POFile(wrapwidth=79)
        template.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
        entries = {}
        for obj in [*snippets_to_translate(locale), *pages_to_translate(locale)]:
            source, _created = TranslationSource.update_or_create_from_instance(obj)
            where = f"{obj._meta.label}:{obj.pk}"
            for string in source.export_po():
                if string.msgid in entries:
                    entries[string.msgid].occurrences.append((where, ""))
                    continue
                entries[string.msgid] = polib.POEntry(
                    msgid=string.msgid,
                    msgstr="",
                    occurrences=[(where, "")],
                    comment=f"{obj._meta.verbose_name}: {obj} [{string.msgctxt}]",
                )
                template.append(entries[string.msgid])
        path = catalogue_path("source").with_suffix(".pot")
        template.save(str(path))
        self.stdout.write(f"{len(template)} strings written to {path}")
