"""sign-in tries taken atomically: the tablet PIN's tries on the conference, the last TOTP step
used; gender from a fixed list

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 13:20:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

# Gender was free text on import, and took a name at least once. The spellings the import now
# accepts (app/respondents/vocabularies.py) become its words; anything else is cleared, as a
# blank cell would have been: it may be personal data, and it is not a gender we report.
_GENDERS = ("Female", "Male", "Non-binary", "Another gender", "Prefer not to say", "Not known")
_SPELLINGS = {
    "Female": ("female", "f", "girl", "woman"),
    "Male": ("male", "m", "boy", "man"),
    "Non-binary": ("non-binary", "non binary", "nonbinary"),
    "Another gender": ("another gender", "other"),
    "Prefer not to say": ("prefer not to say", "not stated"),
    "Not known": ("not known", "unknown", "not recorded"),
}


def upgrade():
    with op.batch_alter_table('conference', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('pin_failures', sa.Integer(), server_default='0', nullable=False)
        )
        batch_op.add_column(
            sa.Column('pin_locked_until', sa.DateTime(timezone=True), nullable=True)
        )
    with op.batch_alter_table('staff_user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('totp_last_step', sa.BigInteger(), nullable=True))
    respondent = sa.table('respondent', sa.column('gender', sa.String))
    spelled = sa.func.lower(sa.func.trim(respondent.c.gender))
    for gender, spellings in _SPELLINGS.items():
        op.execute(
            respondent.update().where(spelled.in_(spellings)).values(gender=gender)
        )
    op.execute(
        respondent.update()
        .where(respondent.c.gender.is_not(None), respondent.c.gender.not_in(_GENDERS))
        .values(gender=None)
    )


def downgrade():
    # SQLite (3.35 and later) drops a column in place: recreating staff_user or conference,
    # as batch mode otherwise would, fails on the rows that refer to them.
    with op.batch_alter_table('staff_user', schema=None, recreate='never') as batch_op:
        batch_op.drop_column('totp_last_step')
    with op.batch_alter_table('conference', schema=None, recreate='never') as batch_op:
        batch_op.drop_column('pin_locked_until')
        batch_op.drop_column('pin_failures')
