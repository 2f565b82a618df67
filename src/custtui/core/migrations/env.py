"""Alembic environment: runs on the connection custtui hands over in `config.attributes`."""

from __future__ import annotations

from alembic import context

from custtui.core.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    version_table_schema=context.config.attributes.get("schema"),
)
with context.begin_transaction():
    context.run_migrations()
