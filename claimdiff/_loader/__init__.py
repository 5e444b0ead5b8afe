"""The loader: files, folders, git revisions and data frames to a Dataset.

One reader per format, the cattrs converter, the JSON Schema of the input. Imports the
layers below it. The rest of claimdiff imports its modules directly; :mod:`.load` is the
entry point.
"""
