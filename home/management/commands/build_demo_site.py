from django.core.management.base import BaseCommand

from home.demo.build import build_demo_site


class Command(BaseCommand):
    help = (
        "Build the demo site (home page, programmes, contacts, notices, settings) from the "
        "source pages. Safe to run again: it updates what differs and adds nothing twice."
    )

    def handle(self, *args, **options):
        tally = build_demo_site()
        for line in tally.lines():
            self.stdout.write(f"  {line}")
        if tally.changed():
            self.stdout.write(self.style.SUCCESS("Demo site built."))
        else:
            self.stdout.write(self.style.SUCCESS("Demo site already up to date; nothing changed."))
