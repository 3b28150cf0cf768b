"""Issue 15 point 10: an erased person's flag is kept, detached, for ERASED_FLAG_RETENTION_YEARS
after it was acknowledged, then deleted with its trail; other flags are not touched."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.core.extensions import db
from app.models import AuditEvent, Channel, FlagEvent, SafeguardingFlag, now_utc


def _flag(key: str, acknowledged_years_ago: float) -> int:
    flag = SafeguardingFlag(
        source_key=key,
        channel=Channel.SMS,
        category="abuse",
        categories=["abuse"],
        rules=["test"],
        text="words kept for safeguarding",
        text_hash=key.ljust(64, "0")[:64],
        acknowledged_at=now_utc() - timedelta(days=365.25 * acknowledged_years_ago),
    )
    db.session.add(flag)
    db.session.flush()
    db.session.add(FlagEvent(flag_id=flag.id, kind="erased"))
    return flag.id


def test_erased_flags_go_only_after_the_retention_period(app, runner):
    assert app.config["ERASED_FLAG_RETENTION_YEARS"] == 35
    with app.app_context():
        old = _flag("erased:old", 36)
        recent = _flag("erased:recent", 34)
        kept = _flag("sms:SMnot-erased", 40)  # not erased: its person's own retention applies
        db.session.commit()
    result = runner.invoke(args=["safeguarding", "purge-erased"])
    assert result.exit_code == 0, result.output
    assert "1 flag(s) past retention deleted" in result.output
    with app.app_context():
        left = set(db.session.scalars(select(SafeguardingFlag.id)))
        assert left == {recent, kept}
        assert old not in set(db.session.scalars(select(FlagEvent.flag_id)))
        event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "flags.purged"))
        assert event.one().detail == {"flags": 1}
    # A shorter period set by the council takes the recent one too.
    app.config["ERASED_FLAG_RETENTION_YEARS"] = 30
    assert "1 flag(s)" in runner.invoke(args=["safeguarding", "purge-erased"]).output
    with app.app_context():
        assert set(db.session.scalars(select(SafeguardingFlag.id))) == {kept}
