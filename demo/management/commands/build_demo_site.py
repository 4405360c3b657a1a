from django.core.management.base import BaseCommand, CommandError

from demo.build import build_demo_site
from demo.guard import DemoRefused
from demo.translate import translate_demo_site
from demo.translate_catalogue import DemoTranslationError


class Command(BaseCommand):
    help = (
        "Build the demo site (home page, programmes, contacts, notices, settings) from the "
        "source pages, then publish it in the other site languages from the catalogues in "
        "demo/translations. Safe to run again: it updates what differs, adds nothing "
        "twice and deletes nothing it did not make. It runs only where the settings allow demo "
        "content (never in production), on an empty database or one it built before."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--catalogue-dir",
            help="Folder with the {language}.po catalogues (default: demo/translations).",
        )
        parser.add_argument(
            "--with-applications",
            action="store_true",
            help=(
                "Also store example applications (online and by phone, in several statuses and "
                "languages, with a waiting list) for each team's example edition, so that every "
                "local coordinator has some to handle. One already stored is left as it is."
            ),
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help=(
                "Build the demo also on a database with content it did not build (a development "
                "copy): its pages, snippets and settings with the demo's names are overwritten, "
                "the default site points at the demo's home page, nothing else is deleted."
            ),
        )

    def handle(self, *args, **options):
        # The Polish build commits first: translations are made one object per transaction
        # after it, never inside it (wagtail-localize issue 773).
        try:
            tally = build_demo_site(
                force=options["force"], applications=options["with_applications"]
            )
        except DemoRefused as refusal:
            raise CommandError(str(refusal)) from refusal
        for line in tally.lines():
            self.stdout.write(f"  {line}")
        try:
            translated = translate_demo_site(
                catalogue_dir=options["catalogue_dir"],
                warn=lambda message: self.stderr.write(self.style.WARNING(message)),
            )
        except DemoTranslationError as error:
            raise CommandError(
                f"The Polish demo is built, but translating it failed:\n{error}"
            ) from error
        for line in translated.lines():
            self.stdout.write(f"  {line}")
        if tally.changed() or translated.changed():
            self.stdout.write(self.style.SUCCESS("Demo site built."))
        else:
            self.stdout.write(self.style.SUCCESS("Demo site already up to date; nothing changed."))
