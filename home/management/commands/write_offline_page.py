from django.core.management.base import BaseCommand

from home.offline_page import write_offline_page


class Command(BaseCommand):
    help = (
        "Write the page nginx shows while Varnish does not answer (settings.OFFLINE_PAGE), "
        "with the centre's phone number and name as they are now."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", help="where to write it instead of OFFLINE_PAGE")

    def handle(self, *args, output=None, **options):
        path = write_offline_page(output)
        if options["verbosity"] > 1:
            self.stdout.write(f"Written: {path}")
