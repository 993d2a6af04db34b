"""`vp serve`: the web application where people without git record their follow-up.

Thin over the same core as the CLI: the pages are the person's work from
`followup.work`, every save is one of `edit/`'s validated changes written through
`edit.safe_write` and committed with the person as author (`edit.recorded`), and the
secretary's approvals and locks are `edit.approval`. Starlette serves it (uvicorn runs it);
the pages are server-rendered Jinja2 and work without JavaScript.

May import: `edit`, `output`, `followup`, `data`, `plan`, `common`.
"""
