"""Built-in evaluation against standard gold formats (``counterclaim eval TASK --data PATH``)."""
