"""The views: the Markdown and Mermaid the tool writes into notes (the dashboard, stage
progress lines, the plan's stage list, the self-evaluation), made from the job-search model.
They write nothing; the use cases put what they make into the tool's regions."""
