"""The staff campaign page says which translations of its survey are not yet reviewed."""

from __future__ import annotations

import re

from surveys import default_registry
from surveys.languages import LANGUAGES
from surveys.translations import status

from .test_campaigns import app, create, officer  # noqa: F401 - fixtures


def test_campaign_page_lists_each_translation_and_what_is_not_yet_reviewed(app, officer):  # noqa: F811
    url = create(officer)
    page = re.sub(r"\s+", " ", officer.get(url).get_data(as_text=True))
    registry = default_registry()
    definition = registry.get("pledge")
    polish = status(definition, registry.catalogue("pledge", "pl"))
    assert polish.unreviewed > 0  # the shipped drafts are not reviewed
    assert (
        f"Polish: {polish.current} of {polish.total} texts translated, "
        f'<strong class="govuk-tag govuk-tag--yellow">{polish.unreviewed} not yet reviewed</strong>'
    ) in page
    for code in registry.languages("pledge"):
        assert f"{LANGUAGES[code].english_name}: " in page
