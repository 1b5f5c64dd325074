"""Every source, publisher and claimant write over the API leaves one history record per row,
naming the token's user (tests/write_paths.py)."""

import pytest

from tests.write_paths import api_write, check_write_path

api_source_post = api_write(
    "api_source_post",
    "post",
    "/api/v1/sources/",
    {
        "title": "Another",
        "publisher": "{claim.source.publisher_id}",
        "published_on": "2019-06-11",
        "text": "1,500 troops.",
    },
    201,
)


api_source_patch = api_write(
    "api_source_patch", "patch", "/api/v1/sources/{claim.source_id}/", {"notes": "Paywall"}, 200
)


api_publisher_post = api_write(
    "api_publisher_post", "post", "/api/v1/publishers/", {"name": "Reuters"}, 201
)


api_publisher_patch = api_write(
    "api_publisher_patch",
    "patch",
    "/api/v1/publishers/{claim.source.publisher_id}/",
    {"homepage": "https://news.example"},
    200,
)


api_claimant_post = api_write(
    "api_claimant_post", "post", "/api/v1/claimants/", {"name": "Marcelo Ebrard"}, 201
)


# path -> (who acts, how many rows of each model it writes)
PATHS = {
    api_source_post: ("editor", {"source": 1}),
    api_source_patch: ("editor", {"source": 1}),
    api_publisher_post: ("editor", {"publisher": 1}),
    api_publisher_patch: ("editor", {"publisher": 1}),
    api_claimant_post: ("editor", {"claimant": 1}),
}


@pytest.mark.parametrize("path", PATHS, ids=lambda path: path.__name__)
def test_each_write_leaves_one_record_per_row_naming_who_wrote_it(
    path, client, token_api, editor, journalist, admin_user, claim, tmp_path
):
    check_write_path(
        PATHS, path, client, token_api, editor, journalist, admin_user, claim, tmp_path
    )
