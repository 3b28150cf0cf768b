"""Staff: sign-in, roles, accounts and the audit log; the staff blueprint every domain adds its
pages to."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Registers the staff blueprint, so it must run after every domain added its pages."""
    from app.core.extensions import login_manager
    from app.staff import (  # noqa: F401 - staff pages
        audit_views,
        home_views,
        session_binding,
        sign_in_views,
        two_step_views,
    )
    from app.staff.auth import load_user
    from app.staff.blueprint import bp, staff_menu
    from app.staff.cli import users_cli

    login_manager.user_loader(load_user)
    session_binding.init_app(app)
    app.register_blueprint(bp)
    app.cli.add_command(users_cli)

    @app.context_processor
    def _menu() -> dict[str, object]:
        return {"staff_menu": staff_menu}
