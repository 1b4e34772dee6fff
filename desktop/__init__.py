"""EconPlan's Qt desktop application."""
