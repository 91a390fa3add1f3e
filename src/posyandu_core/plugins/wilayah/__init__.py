"""Built-in plugin: the Posyandu hierarchy, strata, Posyandu Aktif and equipment."""
