"""Everything that turns results into text for people or tools: the status table, JSON and
CSV (`status`), `vp explain` (`explain`), the nämnd report (`report`), problems as text,
JSON and GitHub annotations (`problems`), and plan diffs between git revisions (`plandiff`).
Nothing here writes a file.

May import: `followup`, `data`, `plan`, `common`. Not `edit` or `cli`.
"""
