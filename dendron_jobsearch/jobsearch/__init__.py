"""The job-search domain: the plan and its schedule, progress, scaffold, companies."""
