from importlib import import_module
from importlib.util import find_spec
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand

from config.links import align_default_site
from home.models import HomePage


class Command(BaseCommand):
    help = (
        "Loads the demo content: the page tree, an administrator and the demo data of each "
        "project app that has a `demo` module. Safe to run again: what exists is kept."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the site already has a home page.",
        )
        parser.add_argument(
            "--reset-admin-password",
            action="store_true",
            help="Give the demo administrator a new password and TOTP secret and print them.",
        )

    def handle(self, *args, if_empty=False, reset_admin_password=False, **options):
        if align_default_site():
            self.stdout.write(f"The site now answers at {settings.SITE_URL}.")
        if if_empty and HomePage.objects.exists():
            self.stdout.write("The site already has content; demo content not loaded.")
            return
        for app_config in apps.get_app_configs():
            module_name = f"{app_config.name}.demo"
            if Path(app_config.path).parent != settings.BASE_DIR or not find_spec(module_name):
                continue
            self.stdout.write(f"Loading demo content: {app_config.verbose_name}")
            import_module(module_name).load(
                stdout=self.stdout, style=self.style, reset_admin_password=reset_admin_password
            )
        self.stdout.write(self.style.SUCCESS("Demo content ready."))
