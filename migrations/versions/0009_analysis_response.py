"""analysis rows carry their response; tag lists without repeats

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-25 01:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

TAG_LISTS = ('pledges', 'themes', 'corrected_pledges', 'corrected_themes')
BATCH = 2000


def _without_repeats(items):
    return None if items is None else list(dict.fromkeys(items))


def _drop_repeated_tags():
    # The board pack now counts an answer once per listed item without DISTINCT, so lists
    # written before (an officer could type a theme twice) lose their repeats here.
    bind = op.get_bind()
    table = sa.table(
        'answer_analysis',
        sa.column('id', sa.Integer()),
        *(sa.column(name, sa.JSON(none_as_null=True)) for name in TAG_LISTS),
    )
    last = 0
    while True:
        rows = bind.execute(
            sa.select(table).where(table.c.id > last).order_by(table.c.id).limit(BATCH)
        ).all()
        if not rows:
            return
        for row in rows:
            lists = {name: getattr(row, name) for name in TAG_LISTS}
            fixed = {
                name: _without_repeats(items)
                for name, items in lists.items()
                if items is not None and _without_repeats(items) != items
            }
            if fixed:
                bind.execute(table.update().where(table.c.id == row.id).values(**fixed))
        last = rows[-1].id


def upgrade():
    with op.batch_alter_table('answer_analysis', schema=None) as batch_op:
        batch_op.add_column(sa.Column('response_id', sa.Integer(), nullable=True))
    op.execute(
        'UPDATE answer_analysis SET response_id = '
        '(SELECT answer.response_id FROM answer WHERE answer.id = answer_analysis.answer_id)'
    )
    _drop_repeated_tags()
    with op.batch_alter_table('answer_analysis', schema=None) as batch_op:
        batch_op.alter_column('response_id', existing_type=sa.Integer(), nullable=False)
        batch_op.create_index(
            batch_op.f('ix_answer_analysis_response_id'), ['response_id'], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f('fk_answer_analysis_response_id_response'),
            'response',
            ['response_id'],
            ['id'],
            ondelete='CASCADE',
        )


def downgrade():
    with op.batch_alter_table('answer_analysis', schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f('fk_answer_analysis_response_id_response'), type_='foreignkey'
        )
        batch_op.drop_index(batch_op.f('ix_answer_analysis_response_id'))
        batch_op.drop_column('response_id')
