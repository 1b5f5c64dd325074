"""The services' refusals reach editors in their language (issue 20): through the API with
Accept-Language: es, and through the desk, which calls the services in the editor's language."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from claims.lineage_services import source_withdraw
from claims.models import Origin, Status
from claims.services import ACCEPT, REJECT, claim_decide, claims_decide
from tests import factories

SPANISH = {"HTTP_ACCEPT_LANGUAGE": "es-MX,es;q=0.9"}


def test_splitting_a_claim_in_no_lineage_is_a_spanish_400(claim, editor_api):
    response = editor_api.post(
        f"/api/v1/claims/{claim.pk}/lineage/", {"action": "split"}, format="json", **SPANISH
    )
    assert response.status_code == 400
    assert response.json() == {
        "action": [
            f"No está en ningún linaje, así que no hay nada que separar: afirmación {claim.pk}."
        ]
    }
    english = editor_api.post(f"/api/v1/claims/{claim.pk}/lineage/", {"action": "split"})
    assert english.json()["action"] == [f"Not in a lineage, so nothing to split: claim {claim.pk}."]


def refusal(service, **arguments) -> list[str]:
    with translation.override("es"), pytest.raises(ValidationError) as refused:
        service(**arguments)
    return refused.value.messages


def test_the_desk_decisions_refuse_in_spanish(claim, editor):
    decide = {"claim": claim, "author": editor, "expected_version": 1}
    assert refusal(claim_decide, decision="borrar", note="x", **decide) == [
        "'borrar' no es una decisión que pueda tomar un editor."
    ]
    assert refusal(claim_decide, decision=Status.VERIFIED, note=" ", **decide) == [
        "Escribe una nota: es el registro de por qué cambió el estado."
    ]
    (message,) = refusal(claim_decide, decision=ACCEPT, note="", **decide)
    assert message.startswith("Solo una afirmación propuesta que sigue sin verificar puede ser")
    assert "aceptada" in message
    assert refusal(
        claims_decide, versions={999999: 1}, author=editor, decision=REJECT, note="x"
    ) == ["No hay una afirmación con id 999999."]


def test_a_decision_taken_in_spanish_writes_its_note_in_spanish(source, editor):
    accepted = factories.claim(source=source, origin=Origin.EXTRACTED)
    rejected = factories.claim(source=source, origin=Origin.EXTRACTED, quote="1,500 agents")
    with translation.override("es"):
        note = claim_decide(
            claim=accepted, author=editor, decision=ACCEPT, note="", expected_version=1
        )
        reason = claim_decide(
            claim=rejected, author=editor, decision=REJECT, note="es un año", expected_version=1
        )
    assert note.body == "Propuesta aceptada."
    assert reason.body == "Propuesta rechazada: es un año"


def test_withdrawing_a_source_refuses_in_spanish(source, editor):
    assert refusal(source_withdraw, source=source, user=editor, reason=" ") == [
        "Indica por qué se retira la fuente."
    ]
    source_withdraw(source=source, user=editor, reason="El medio la retiró.")
    assert refusal(source_withdraw, source=source, user=editor, reason="otra vez") == [
        "Esta fuente ya se había retirado."
    ]
