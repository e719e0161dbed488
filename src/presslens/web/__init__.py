"""The web app and HTTP API over a corpus store (``presslens serve``)."""
