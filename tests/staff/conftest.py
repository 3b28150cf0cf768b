import pytest

from app.core.extensions import db
from app.models import Role
from app.staff.auth import create_user

from .staff_helpers import PASSWORD


@pytest.fixture
def make_user(app):
    def make(role: Role = Role.PARTICIPATION_OFFICER, email: str | None = None, **extra):
        with app.app_context():
            user = create_user(
                email or f"{role.value}@shireford.example", "Alex Officer", role, PASSWORD
            )
            for key, value in extra.items():
                setattr(user, key, value)
            db.session.commit()
            return user.id, user.email

    return make
