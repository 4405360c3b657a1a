"""Uploaded images keep their pixels and lose what the camera or phone wrote beside them.

A photo can carry where it was taken (EXIF GPS), when, with which device, who edited it (XMP,
IPTC) and free comments. On this site that could place a victim of violence or a shelter on a
map, so every image saved with a new file is written again from its pixels alone, before the file
reaches the storage: the stored original, and every rendition made from it, carries none of it.

Kept: the pixels, turned upright first (the EXIF orientation is applied, then dropped with the
rest); the format; the JPEG quantisation tables and chroma subsampling, so the quality stays what
it was; transparency and animation (frame durations, looping); and the ICC colour profile, which
describes colours only (no place, time or person) and without which photos from phones with wide
colour spaces would show wrong colours.
"""

from io import BytesIO
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.db.models.signals import pre_save
from PIL import ExifTags, Image, ImageOps, ImageSequence, JpegImagePlugin
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

# Pillow opens some phones' JPEG photos as MPO (a main picture and a preview): stored as JPEG.
SAVED_AS = {"MPO": "JPEG"}
ANIMATED_FORMATS = {"GIF", "PNG", "WEBP"}
WEBP_QUALITY = 90
# What a frame may keep of Pillow's `info`: how it is drawn, never what it says about itself.
KEPT_FRAME_INFO = ("transparency", "duration", "loop", "background", "disposal", "icc_profile")


def without_metadata(content):
    """The image in `content` (bytes) written again without metadata, in the same format."""
    with Image.open(BytesIO(content)) as source:
        image_format = SAVED_AS.get(source.format, source.format)
        options = _save_options(source, image_format)
        if image_format in ANIMATED_FORMATS and getattr(source, "is_animated", False):
            frames, durations = [], []
            for frame in ImageSequence.Iterator(source):
                durations.append(frame.info.get("duration", 0))
                frames.append(_bare(frame.copy()))
            options.update(save_all=True, append_images=frames[1:], duration=durations)
            picture = frames[0]
        else:
            picture = _bare(_upright(source))
        output = BytesIO()
        picture.save(output, format=image_format, **options)
    return output.getvalue()


def _upright(source):
    """The first frame, turned as its EXIF orientation says (phones store photos sideways)."""
    if source.getexif().get(ExifTags.Base.Orientation, 1) == 1:
        return source.copy()
    return ImageOps.exif_transpose(source)


def _bare(frame):
    """The frame with only the `info` that draws it: Pillow writes some of `info` back on save
    (JPEG comments, XMP), so what is not listed here never reaches the new file."""
    frame.info = {key: frame.info[key] for key in KEPT_FRAME_INFO if key in frame.info}
    return frame


def _save_options(source, image_format):
    options = {}
    if source.info.get("icc_profile"):
        options["icc_profile"] = source.info["icc_profile"]
    if image_format == "JPEG" and isinstance(source, JpegImagePlugin.JpegImageFile):
        # The source's own quantisation and subsampling: no second loss of quality beyond the
        # rounding of one re-encoding.
        options["qtables"] = source.quantization
        options["subsampling"] = JpegImagePlugin.get_sampling(source)
        options["progressive"] = "progressive" in source.info
    elif image_format == "WEBP":
        options["quality"] = WEBP_QUALITY
    for key in ("transparency", "loop", "background"):
        if key in source.info:
            options[key] = source.info[key]
    return options


def strip_metadata_from_new_file(sender, instance, **kwargs):
    """pre_save of the image model: a new file (or a replaced one) is cleaned before it is stored.

    A file that is already the stored one is left alone, so saving an image's title or focal
    point does not write it again. Wagtail's size and hash of the file (its duplicate check), and
    the width and height, are those of the cleaned file.
    """
    if not instance.file:
        return
    stored_name = (
        sender.objects.filter(pk=instance.pk).values_list("file", flat=True).first()
        if instance.pk is not None
        else None
    )
    if instance.file.name == stored_name:
        return
    previous_name = instance.file.name
    instance.file.open("rb")
    try:
        cleaned = without_metadata(instance.file.read())
    finally:
        instance.file.close()
    instance.file.save(PurePosixPath(previous_name).name, ContentFile(cleaned), save=False)
    instance.file_size = len(cleaned)
    instance.file_hash = hash_filelike(BytesIO(cleaned))
    # Turned upright, a portrait photo taken sideways swaps its width and height.
    with Image.open(BytesIO(cleaned)) as picture:
        instance.width, instance.height = picture.size
    _delete_uncleaned_copy(sender, instance, previous_name)


def _delete_uncleaned_copy(sender, instance, name):
    """Some upload paths (Wagtail's multiple upload, after a first failed try) put the file in
    the storage before the image is saved: that copy still has its metadata and must go, unless
    another image uses it."""
    upload_folder = PurePosixPath(instance.get_upload_to("x")).parent
    if PurePosixPath(name).parent != upload_folder or name == instance.file.name:
        return
    if sender.objects.filter(file=name).exclude(pk=instance.pk).exists():
        return
    if instance.file.storage.exists(name):
        instance.file.storage.delete(name)


def can_be_written_again(uploaded):
    """Whether Pillow can write the uploaded file again without its metadata: a truncated or
    damaged upload cannot, and is refused in the form (home.image_forms) instead of failing
    when the image is saved (a server error, the upload lost)."""
    try:
        uploaded.seek(0)
        without_metadata(uploaded.read())
    except Exception:  # Pillow raises many kinds for bad files
        return False
    finally:
        uploaded.seek(0)
    return True


def connect_signals():
    pre_save.connect(
        strip_metadata_from_new_file,
        sender=get_image_model(),
        dispatch_uid="home.image_metadata.strip_metadata_from_new_file",
    )
