"""whatsapp: a channel for every channel column, WhatsApp's own opt-in and opt-out, and the
template (Content API) and channel of each outbound message

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06 02:10:00.000000

"""
import re

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None

BEFORE = ('web', 'sms', 'voice', 'kiosk')
AFTER = BEFORE + ('whatsapp',)

# (table, column, enum name): each column's CHECK is named ck_<table>_<enum name>.
CHANNEL_COLUMNS = (
    ('respondent', 'preferred_channel', 'channel'),
    ('invitation', 'channel', 'invitation_channel'),
    ('response', 'channel', 'response_channel'),
    ('safeguarding_flag', 'channel', 'flag_channel'),
    ('inbound_message', 'channel', 'inbound_channel'),
    ('conversation', 'channel', 'conversation_channel'),
)


def _allow(values):
    listed = ', '.join(f"'{value}'" for value in values)
    bind = op.get_bind()
    for table, column, name in CHANNEL_COLUMNS:
        check = f'ck_{table}_{name}'
        if bind.dialect.name == 'sqlite':
            _sqlite_check(bind, table, check, f'{column} IN ({listed})')
        else:
            op.drop_constraint(op.f(check), table, type_='check')
            op.create_check_constraint(op.f(check), table, f'{column} IN ({listed})')


def _sqlite_check(bind, table, check, condition):
    """Rewrite one CHECK in SQLite's stored schema, the procedure SQLite documents for changes
    that leave the stored rows valid ("ALTER TABLE", section 7). A batch copy is no use here:
    dropping `response` or `respondent` with foreign keys on would delete what points at them
    (answers and their analyses), and the pragma cannot be turned off inside the migration."""
    sql = bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).scalar()
    rewritten, found = re.subn(
        rf'CONSTRAINT {check} CHECK \((.*?)\)(?=,?\s*(?:CONSTRAINT|\)\s*$))',
        f'CONSTRAINT {check} CHECK ({condition})',
        sql,
        flags=re.S,
    )
    if found != 1:
        raise RuntimeError(f'{check} not found in the schema of {table}')
    version = bind.exec_driver_sql('PRAGMA schema_version').scalar()
    bind.exec_driver_sql('PRAGMA writable_schema = ON')
    bind.exec_driver_sql(
        "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?", (rewritten, table)
    )
    bind.exec_driver_sql(f'PRAGMA schema_version = {version + 1}')
    bind.exec_driver_sql('PRAGMA writable_schema = OFF')


def upgrade():
    _allow(AFTER)
    op.create_table(
        'whatsapp_contact',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('phone_hash', sa.String(length=64), nullable=False),
        sa.Column('opted_out', sa.Boolean(), nullable=False),
        sa.Column('opted_out_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('opted_in_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_whatsapp_contact')),
        sa.UniqueConstraint('phone_hash', name=op.f('uq_whatsapp_contact_phone_hash')),
    )
    # Plain ADD COLUMN (no batch), as in 0013: constant defaults, added in place.
    op.add_column(
        'outbound_message',
        sa.Column('channel', sa.String(length=16), server_default='sms', nullable=False),
    )
    op.add_column('outbound_message', sa.Column('content_sid', sa.String(length=64), nullable=True))
    op.add_column('outbound_message', sa.Column('content_variables', sa.Text(), nullable=True))


def downgrade():
    op.drop_column('outbound_message', 'content_variables')
    op.drop_column('outbound_message', 'content_sid')
    op.drop_column('outbound_message', 'channel')
    op.drop_table('whatsapp_contact')
    # Nothing lost: a WhatsApp conversation's rows stay, recorded as the text channel they were.
    for table, column, _name in CHANNEL_COLUMNS:
        op.execute(f"UPDATE {table} SET {column} = 'sms' WHERE {column} = 'whatsapp'")
    _allow(BEFORE)
