"""The nämnd report: its context (`context`, key figures in `figures`, the council's in
`council`), rendered through the templates (`render`) as HTML and Markdown, as a tagged PDF
(`pdf`) and as Word (`word`, with `word_goals`, `word_blocks`, `word_parts`); the
administration's analysis as safe Markdown (`richtext`)."""
