"""`poll_feeds`: each new item of a publisher's feed is imported once (its page fetched, read
and its claims proposed); run twice, it adds nothing."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from claims.models import Claim
from sources.models import Publisher, Source, SourceImport
from tests.sources import pages

pytestmark = pytest.mark.usefixtures("immediate_tasks", "allow_loopback")

SECOND_BODY = [
    "Customs agents seized 1,250 kilograms of cocaine at the port, the agency said on Tuesday.",
    "The haul was worth about $40 million, officials estimated.",
]


def test_each_new_feed_item_is_imported_once(db, site, capsys):
    first = site.add("/troops", pages.news_page())
    undated = pages.news_page(title="Port seizure", body=SECOND_BODY, json_ld=False).replace(
        '<meta property="article:published_time" content="2019-06-07T10:00:00-05:00">', ""
    )
    second = site.add("/seizure", undated)
    feed = pages.rss_feed(
        [
            (first, "Mexico sends up to 6,000 troops south", "Fri, 07 Jun 2019 15:00:00 GMT"),
            (second, "Port seizure", "Tue, 11 Jun 2019 09:00:00 GMT"),
        ]
    )
    publisher = Publisher.objects.create(
        name="Border Times", feed_url=site.add("/feed.xml", feed, "application/rss+xml")
    )

    call_command("poll_feeds")

    assert "Border Times: 2 new item(s) queued, 0 already known." in capsys.readouterr().out
    assert SourceImport.objects.filter(state="done").count() == 2
    troops, seizure = Source.objects.get(url=first), Source.objects.get(url=second)
    # The feed's publisher, not the name the page gives itself.
    assert troops.publisher == publisher == seizure.publisher
    assert troops.authors == "Ana Ruiz, John Smith" and troops.language == "en-US"
    assert troops.published_on == datetime.date(2019, 6, 7)
    # The page does not say its date: the feed's date is used.
    assert (seizure.published_on, seizure.date_precision) == (datetime.date(2019, 6, 11), "day")
    assert seizure.text == "\n\n".join(SECOND_BODY)
    assert sorted(c.value for c in seizure.claims.all()) == [1250, 40000000]
    counts = (Source.objects.count(), Claim.objects.count(), SourceImport.objects.count())

    call_command("poll_feeds")

    assert "0 new item(s) queued, 2 already known." in capsys.readouterr().out
    assert (Source.objects.count(), Claim.objects.count(), SourceImport.objects.count()) == counts


def test_a_feed_that_cannot_be_read_is_reported(db, site, capsys):
    Publisher.objects.create(
        name="Broken", feed_url=site.add("/feed.xml", b"not a feed", "text/xml")
    )
    with pytest.raises(CommandError, match="1 feed"):
        call_command("poll_feeds")
    assert "Broken: this is not an RSS or Atom feed" in capsys.readouterr().err
