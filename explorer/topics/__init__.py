"""One package per page: its logic (numpy in, numpy out, so the page imports no torch) beside its figures.
One topic never imports another: a need two topics share moves down into core, models or training."""
