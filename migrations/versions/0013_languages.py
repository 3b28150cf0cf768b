"""languages: the language each response and answer was given in, a respondent's preferred
language, and answers given with someone helping (assisted)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05 18:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


# Plain ADD COLUMN (no batch): SQLite adds a column with a constant default in place, where a
# batch copy of `response` would have to drop a table that answers point at.
def upgrade():
    op.add_column(
        'response', sa.Column('language', sa.String(length=16), server_default='en', nullable=False)
    )
    op.add_column(
        'response', sa.Column('assisted', sa.Boolean(), server_default=sa.false(), nullable=False)
    )
    op.add_column('answer', sa.Column('language', sa.String(length=16), nullable=True))
    op.add_column('respondent', sa.Column('preferred_language', sa.String(length=16), nullable=True))


def downgrade():
    # SQLite 3.35+ drops a column in place too (no table copy, for the same reason).
    op.drop_column('respondent', 'preferred_language')
    op.drop_column('answer', 'language')
    op.drop_column('response', 'assisted')
    op.drop_column('response', 'language')
