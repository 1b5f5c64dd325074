"""The commands that write claims (import_source --extract, extract_claims) leave one history
record per row, naming the --user they act for (tests/write_paths.py)."""

import pytest
from django.core.management import call_command

from tests import factories
from tests.write_paths import begin, check_write_path


def command_import_source_with_extract(client, users, claim):
    path = users["tmp_path"] / "article.txt"
    path.write_text(factories.ARTICLE_TEXT)
    begin()
    call_command(
        "import_source",
        str(path),
        title="Imported",
        publisher="New Publisher",
        published="2019-06",
        user="eddie",
        extract=True,
    )


def command_extract_claims(client, users, claim):
    source = factories.source()
    begin()
    call_command("extract_claims", str(source.pk), user="eddie")


# path -> (who acts, how many rows of each model it writes)
PATHS = {
    # One proposal repeats the case's claim from another source: a lineage of two is proposed.
    command_import_source_with_extract: (
        "editor",
        {"publisher": 1, "source": 1, "claim": 2, "lineage": 1, "lineageappearance": 2},
    ),
    command_extract_claims: ("editor", {"claim": 2, "lineage": 1, "lineageappearance": 2}),
}


@pytest.mark.parametrize("path", PATHS, ids=lambda path: path.__name__)
def test_each_write_leaves_one_record_per_row_naming_who_wrote_it(
    path, client, token_api, editor, journalist, admin_user, claim, tmp_path
):
    check_write_path(
        PATHS, path, client, token_api, editor, journalist, admin_user, claim, tmp_path
    )
