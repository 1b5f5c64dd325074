"""An ad-hoc sheet's heading reads its query in words, not as a URL's query string."""

import pytest
from django.http import QueryDict

from claims.factsheets.views import query_title


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("", "All claims"),
        ("unit=National+Guard+troops", "Claims: unit National Guard troops"),
        (
            "status=verified&status=disputed&claim_date_after=2019-01-01",
            "Claims: status verified, disputed; claim date after 2019-01-01",
        ),
        ("q=%22national+guard%22", 'Claims: q "national guard"'),
        ("unit=troops&page_size=50&format=csv", "Claims: unit troops"),
        ("unit=", "All claims"),
    ],
)
def test_the_query_reads_as_words(query, title):
    assert query_title(QueryDict(query)) == title


def test_the_ad_hoc_markdown_sheet_is_headed_by_its_query(db, editor_api):
    from tests import factories

    factories.claim()
    body = editor_api.get("/api/v1/claims/factsheet/md/?unit=National+Guard+troops").content
    assert body.decode().startswith("# Claims: unit National Guard troops\n")
