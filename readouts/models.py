# Readout and provenance models arrive with the importer (issue 3).
