"""Built-in plugins, each declared in ``[project.entry-points.posyandu_core]``."""
