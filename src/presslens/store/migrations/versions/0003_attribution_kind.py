"""figures and claims keep whether their source is named and whether it is a release's issuer;
claims keep their cue

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

_NAMED = 'the source is named (null: no attribution)'
_ISSUER = "the source is the release's issuer, not quoted in a sentence (null: no attribution)"


def upgrade() -> None:
    with op.batch_alter_table('figures', schema=None) as batch_op:
        batch_op.add_column(sa.Column('attribution_named', sa.Boolean(), nullable=True, comment=_NAMED))
        batch_op.add_column(sa.Column('attribution_issuer', sa.Boolean(), nullable=True, comment=_ISSUER))
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.add_column(sa.Column('attribution_cue', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('attribution_named', sa.Boolean(), nullable=True, comment=_NAMED))
        batch_op.add_column(sa.Column('attribution_issuer', sa.Boolean(), nullable=True, comment=_ISSUER))


def downgrade() -> None:
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.drop_column('attribution_issuer')
        batch_op.drop_column('attribution_named')
        batch_op.drop_column('attribution_cue')
    with op.batch_alter_table('figures', schema=None) as batch_op:
        batch_op.drop_column('attribution_issuer')
        batch_op.drop_column('attribution_named')
