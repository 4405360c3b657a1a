from django.core.management.base import BaseCommand, CommandError

from home.demo.build import build_demo_site
from home.demo.translate import translate_demo_site
from home.demo.translate_catalogue import DemoTranslationError


class Command(BaseCommand):
    help = (
        "Build the demo site (home page, programmes, contacts, notices, settings) from the "
        "source pages, then publish it in the other site languages from the catalogues in "
        "home/demo/translations. Safe to run again: it updates what differs and adds nothing "
        "twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--catalogue-dir",
            help="Folder with the {language}.po catalogues (default: home/demo/translations).",
        )

    def handle(self, *args, **options):
        # The Polish build commits first: translations are made one object per transaction
        # after it, never inside it (wagtail-localize issue 773).
        tally = build_demo_site()
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
