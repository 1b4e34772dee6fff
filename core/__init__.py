"""EconPlan core: catalog access, scenario model and planners. Never imports Qt."""
