"""board pack at scale: approved-quote index, statistics on answer values

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25 21:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def _statistics_supported():
    # Statistics on an expression came in PostgreSQL 14.
    bind = op.get_bind()
    return bind.dialect.name == 'postgresql' and bind.dialect.server_version_info >= (14,)


def upgrade():
    with op.batch_alter_table('answer_analysis', schema=None) as batch_op:
        batch_op.create_index(
            'ix_answer_analysis_quote_approved_at',
            ['quote_approved_at', 'id'],
            unique=False,
            postgresql_where=sa.text('quote IS NOT NULL'),
            sqlite_where=sa.text('quote IS NOT NULL'),
        )
    if _statistics_supported():
        # As app/models.py creates it: the board pack groups by the answer's value as text.
        op.execute('CREATE STATISTICS IF NOT EXISTS answer_value_text ON ((value)::text) FROM answer')
        op.execute('ANALYZE answer')


def downgrade():
    if _statistics_supported():
        op.execute('DROP STATISTICS IF EXISTS answer_value_text')
    with op.batch_alter_table('answer_analysis', schema=None) as batch_op:
        batch_op.drop_index('ix_answer_analysis_quote_approved_at')
