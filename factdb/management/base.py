"""The base of factdb's commands: their `help` is marked with gettext_lazy, so `manage.py CMD
--help` reads in the site's language (FACTDB_LANGUAGE), and argparse, which wants a str, gets
one in the language active when the parser is built."""

from django.core.management.base import BaseCommand


class TranslatedCommand(BaseCommand):
    def create_parser(self, prog_name, subcommand, **kwargs):
        self.help = str(self.help)
        return super().create_parser(prog_name, subcommand, **kwargs)
