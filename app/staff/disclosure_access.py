"""The safeguarding inbox's rules, in one place, for every page that shows a possible disclosure.

Who reads the words of a possible disclosure: the duty service, participation officers (who
run the surveys and must see what was said) and admins. Who also learns whose words they were:
only the duty service and admins, who act on them. Everyone else (conference chairs, board
members) sees neither.
"""

from __future__ import annotations

from app.staff.models import Role

READS_DISCLOSURES = frozenset({Role.ADMIN, Role.DUTY_OFFICER, Role.PARTICIPATION_OFFICER})
KNOWS_WHOSE = frozenset({Role.ADMIN, Role.DUTY_OFFICER})
