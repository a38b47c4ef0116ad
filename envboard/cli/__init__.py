"""The command line (python -m envboard): the dispatcher and the commands that belong to no other package."""
