"""The source page on the desk: "Propose claims from text" says when a run stopped early."""

from django.contrib.messages import get_messages
from django.urls import reverse

from tests import factories


def test_proposing_says_when_the_run_stopped_at_its_cap(client, editor, monkeypatch):
    monkeypatch.setattr("claims.extraction.MAX_CANDIDATES", 3)
    text = " ".join(f"Officials counted {n},000 people at site {n}." for n in range(2, 12))
    source = factories.source(text=text)
    client.force_login(editor)
    response = client.post(
        reverse("admin:sources_source_changelist"),
        {"action": "propose_claims", "_selected_action": [source.pk]},
    )
    assert response.status_code == 302
    said = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("3 claims proposed" in line for line in said), said
    assert any("Stopped after 3 figures" in line for line in said), said
    assert source.claims.count() == 3
