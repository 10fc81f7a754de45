"""The `consortia` command: the front end that drives every layer from a terminal."""
