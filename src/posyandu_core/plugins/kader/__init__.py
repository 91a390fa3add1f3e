"""Built-in plugin: kader competency (25 skills, TKK, strata Purwa/Madya/Utama) and its reports."""
