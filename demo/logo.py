"""A stand-in for the EU-funds logo strip, drawn with Pillow and stored as a Wagtail image.

The real strip (EU funds mark, Polish flag, region's logo, EU emblem) is a graphic the centre
receives with its funding agreement; the demo draws four labelled boxes in its place.
"""

from io import BytesIO
from pathlib import Path

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFont
from wagtail.images import get_image_model

from .sync import CREATED, UNCHANGED

TITLE = "Pasek logotypów funduszy UE (wersja demonstracyjna)"
FILENAME = "logotypy-fundusze-ue-demo.png"
SIZE = (1200, 150)
LABELS = [
    "Fundusze Europejskie",
    "Rzeczpospolita Polska",
    "Dolny Śląsk",
    "Unia Europejska\nEuropejski Fundusz Społeczny",
]
# DejaVu has the Polish letters; Pillow's built-in font is the fallback.
FONT_PATHS = [
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
]


def _font(size):
    for path in FONT_PATHS:
        if path.exists():
            return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


def _fitting_font(draw, label, max_width, largest=24, smallest=10):
    for size in range(largest, smallest, -1):
        font = _font(size)
        left, _top, right, _bottom = draw.multiline_textbbox((0, 0), label, font=font)
        if right - left <= max_width:
            return font
    return _font(smallest)


def draw_logo_strip():
    """PNG bytes of a white strip with four framed, labelled boxes."""
    width, height = SIZE
    image = Image.new("RGB", SIZE, "white")
    draw = ImageDraw.Draw(image)
    margin, gap = 16, 16
    box_width = (width - 2 * margin - gap * (len(LABELS) - 1)) // len(LABELS)
    # One size for every box: the largest at which the longest label still fits.
    font = min(
        (_fitting_font(draw, label, box_width - 2 * margin) for label in LABELS),
        key=lambda candidate: candidate.size,
    )
    for index, label in enumerate(LABELS):
        left = margin + index * (box_width + gap)
        box = (left, margin, left + box_width, height - margin)
        draw.rectangle(box, outline="#003399", width=3)
        centre = ((box[0] + box[2]) // 2, (box[1] + box[3]) // 2)
        draw.multiline_text(centre, label, fill="#003399", font=font, anchor="mm", align="center")
    buffer = BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def ensure_logo_strip(tally):
    """The strip image, created once and found by its title afterwards."""
    image_model = get_image_model()
    image = image_model.objects.filter(title=TITLE).order_by("pk").first()
    if image is not None:
        tally.record(image, UNCHANGED)
        return image
    image = image_model(title=TITLE, file=ImageFile(BytesIO(draw_logo_strip()), name=FILENAME))
    image._set_image_file_metadata()
    image.save()
    tally.record(image, CREATED)
    return image
