"""EconPlan's entry points, above both ``core`` (Qt-free) and ``desktop`` (Qt).

``core`` never imports ``desktop``; the command line lives here so that its
window, report and export commands can reach the desktop lazily.
"""
