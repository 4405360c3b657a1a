"""Small helpers that write the rich-text HTML of the demo content.

The content is our own constant text, so it is not escaped: list items may hold inline markup.
"""


def paragraphs(*texts):
    return "".join(f"<p>{text}</p>" for text in texts)


def bullets(items):
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def numbered(items):
    return "<ol>" + "".join(f"<li>{item}</li>" for item in items) + "</ol>"
