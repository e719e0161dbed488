"""event mentions keep the last day of a date range ("between 2 and 6 May")

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('event_mentions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('date_last', sa.String(length=10), nullable=True,
                                      comment='last day of a range; null for one day'))


def downgrade() -> None:
    with op.batch_alter_table('event_mentions', schema=None) as batch_op:
        batch_op.drop_column('date_last')
