"""Screens of the reading app: the three-pane reading screen and the help screen."""
