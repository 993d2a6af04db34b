"""Everything that turns results into something to read, grouped by who reads it:
`report/` (the nämnd report: one context for HTML, Markdown, Word, PDF and the council
report), `site/` (the public website), `terminal/` (the status table, explain, tree, due,
lint, problems, diffs) and `export/` (status as JSON, CSV and Excel for other tools), with
`charts` drawing every chart they show. Nothing here writes a file.

May import: `followup`, `data`, `plan`, `common`. Not `edit` or `cli`.
"""
