"""Built-in plugin: cases of the five non-health bidang, their service clock and reports."""
