from django.core.management.base import BaseCommand

from events.notifications import send_day_before_reminders


class Command(BaseCommand):
    help = (
        "E-mails a reminder to everyone registered to an event taking place tomorrow. "
        "Run it once a day; running it again sends nothing twice."
    )

    def handle(self, *args, **options):
        count = send_day_before_reminders()
        self.stdout.write(self.style.SUCCESS(f"{count} reminder(s) queued."))
