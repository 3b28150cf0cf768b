"""outbound sms: shared send slot (rate limit) and check-in rounds on invitations

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 19:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('sms_send_slot',
    sa.Column('name', sa.String(length=32), nullable=False),
    sa.Column('next_at_us', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_sms_send_slot'))
    )
    with op.batch_alter_table('invitation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('checkin_round', sa.Integer(), server_default='0', nullable=False))
        batch_op.drop_constraint(batch_op.f('uq_invitation_campaign_id_respondent_id'), type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_invitation_campaign_id_respondent_id_checkin_round'), ['campaign_id', 'respondent_id', 'checkin_round'])


def downgrade():
    # Check-in rounds beyond the first cannot survive the old one-invitation-per-person rule.
    op.execute("DELETE FROM invitation WHERE checkin_round <> 0 AND id NOT IN "
               "(SELECT invitation_id FROM response WHERE invitation_id IS NOT NULL) AND id NOT IN "
               "(SELECT invitation_id FROM outbound_message WHERE invitation_id IS NOT NULL)")
    with op.batch_alter_table('invitation', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_invitation_campaign_id_respondent_id_checkin_round'), type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_invitation_campaign_id_respondent_id'), ['campaign_id', 'respondent_id'])
        batch_op.drop_column('checkin_round')

    op.drop_table('sms_send_slot')
