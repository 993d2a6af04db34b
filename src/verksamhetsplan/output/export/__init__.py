"""Results for other tools: `vp status` as JSON and CSV records (`status`) and as an Excel
workbook (`workbook`)."""
