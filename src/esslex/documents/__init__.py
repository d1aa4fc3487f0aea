"""Documents for people: the entry view, handouts, branding and credits."""
