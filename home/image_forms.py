"""The admin's image form: an upload that cannot be stored without its metadata is refused.

Wagtail's own checks read only the first frame of an animation; one whose later frame is cut
off passed them and then failed when its metadata was removed (home.image_metadata).
`WAGTAILIMAGES_IMAGE_FORM_BASE` names this form; the single and the multiple upload use it.
"""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from wagtail.images.forms import BaseImageForm

from .image_metadata import can_be_written_again


class ImageForm(BaseImageForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        # A new upload only: the stored file was cleaned when it was uploaded.
        if isinstance(uploaded, UploadedFile) and not can_be_written_again(uploaded):
            raise ValidationError(
                _(
                    "This image file is damaged or incomplete. "
                    "Save it again and upload the new file."
                ),
                code="damaged_image",
            )
        return uploaded
