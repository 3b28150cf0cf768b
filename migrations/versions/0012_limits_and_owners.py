"""rate limits and conference owners: inbound texts held back by the rate limit; every
conference's chair (its owner) filled in from the audit log where it is missing

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05 13:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

# A conference recorded without a chair (created before chairs were kept, or by a command) is
# given the member of staff the audit log says created it, if that was a conference chair.
# Where the log has no such row the chair stays empty: only admins may open it.
_BACKFILL = (
    "UPDATE conference SET chair_id = (SELECT audit_event.user_id FROM audit_event "
    "JOIN staff_user ON staff_user.id = audit_event.user_id "
    "WHERE audit_event.action = 'conference.created' "
    "AND audit_event.object_type = 'Conference' "
    "AND audit_event.object_id = CAST(conference.id AS VARCHAR(20)) "
    "AND staff_user.role = 'conference_chair' "
    "ORDER BY audit_event.at LIMIT 1) "
    "WHERE chair_id IS NULL"
)


def upgrade():
    with op.batch_alter_table('inbound_message', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('held_back', sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    op.execute(_BACKFILL)


def downgrade():
    with op.batch_alter_table('inbound_message', schema=None) as batch_op:
        batch_op.drop_column('held_back')
