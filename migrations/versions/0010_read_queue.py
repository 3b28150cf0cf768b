"""read queue: the detector's tier and score on each analysis; who read each answer, when

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05 09:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

# Existing free-text answers start unread, except those a person has already dealt with: the
# flag acknowledged by the duty officer, the tags corrected or a quote approved, or the
# original words shown to an officer. Each is taken as read by that person at that time (the
# first kind found wins). Their due time stays NULL: they were read before there was a
# service level, so the board's "read in time" figure leaves them out.
_REVIEWED = (
    # The duty officer acknowledged the answer's flag.
    "SELECT answer.id AS answer_id, safeguarding_flag.acknowledged_at AS read_at, "
    "safeguarding_flag.acknowledged_by AS read_by FROM safeguarding_flag "
    "JOIN answer ON answer.response_id = safeguarding_flag.response_id "
    "AND answer.question_key = safeguarding_flag.question_key "
    "WHERE safeguarding_flag.acknowledged_at IS NOT NULL",
    # An officer corrected the tags.
    "SELECT answer_id, corrected_at AS read_at, corrected_by AS read_by FROM answer_analysis "
    "WHERE corrected_at IS NOT NULL",
    # An officer approved a quote.
    "SELECT answer_id, quote_approved_at AS read_at, quote_approved_by AS read_by "
    "FROM answer_analysis WHERE quote_approved_at IS NOT NULL",
    # An officer was shown the original words (the review page's audited reveal).
    "SELECT answer.id AS answer_id, audit_event.at AS read_at, audit_event.user_id AS read_by "
    "FROM audit_event JOIN answer ON audit_event.object_id = CAST(answer.id AS VARCHAR(20)) "
    "WHERE audit_event.action = 'answer.revealed' AND audit_event.object_type = 'Answer'",
)
# One row per answer from each source (the first time), and only for answers not found in an
# earlier source.
_INSERT = (
    "INSERT INTO answer_reading (answer_id, read_at, read_by) "
    "SELECT answer_id, read_at, read_by FROM (SELECT reviewed.*, ROW_NUMBER() OVER "
    "(PARTITION BY reviewed.answer_id ORDER BY reviewed.read_at) AS n FROM ({}) AS reviewed) "
    "AS firsts WHERE n = 1 AND NOT EXISTS "
    "(SELECT 1 FROM answer_reading WHERE answer_reading.answer_id = firsts.answer_id)"
)


def upgrade():
    with op.batch_alter_table('answer_analysis', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('tier', sa.String(length=8), server_default='routine', nullable=False)
        )
        batch_op.add_column(sa.Column('score', sa.Float(), server_default='0', nullable=False))
    # As app/reading/tiers.py reads a detector without tiers: a flag is urgent, score 1.
    op.execute(
        "UPDATE answer_analysis SET tier = 'urgent', score = 1 "
        "WHERE safeguarding_category IS NOT NULL"
    )
    op.create_table('answer_reading',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('answer_id', sa.Integer(), nullable=False),
    sa.Column('read_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('read_by', sa.Integer(), nullable=True),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('escalated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['answer_id'], ['answer.id'], name=op.f('fk_answer_reading_answer_id_answer'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['read_by'], ['staff_user.id'], name=op.f('fk_answer_reading_read_by_staff_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_answer_reading')),
    sa.UniqueConstraint('answer_id', name=op.f('uq_answer_reading_answer_id'))
    )
    for source in _REVIEWED:
        op.execute(_INSERT.format(source))


def downgrade():
    op.drop_table('answer_reading')
    with op.batch_alter_table('answer_analysis', schema=None) as batch_op:
        batch_op.drop_column('score')
        batch_op.drop_column('tier')
