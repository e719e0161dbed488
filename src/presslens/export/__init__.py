"""Output formats. Importing this package registers every built-in format in
:data:`presslens.registry.formats`."""

from presslens.export import acled_csv, html_report, json_format, labelstudio, text_report, webanno

__all__ = ["acled_csv", "html_report", "json_format", "labelstudio", "text_report", "webanno"]
