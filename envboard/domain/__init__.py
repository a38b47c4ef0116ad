"""Domain logic on top of core and standards: the summary metrics, rectification, ranking, scoring, pre-aggregates."""
