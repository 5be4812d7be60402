from django.db import models
from django.utils.translation import gettext_lazy as _


class Postcode(models.Model):
    """One line of the GeoNames postcode file: a postcode and one place it covers."""

    country = models.CharField(_("country"), max_length=2)
    postcode = models.CharField(_("postcode"), max_length=20)
    place = models.CharField(_("place"), max_length=180)
    state = models.CharField(_("state"), max_length=100, blank=True)
    district = models.CharField(_("district"), max_length=100, blank=True)
    district_code = models.CharField(_("district code"), max_length=20, blank=True)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))

    class Meta:
        verbose_name = _("postcode")
        verbose_name_plural = _("postcodes")
        ordering = ["country", "postcode", "pk"]
        indexes = [models.Index(fields=["country", "postcode"], name="geo_postcode_lookup")]

    def __str__(self) -> str:
        return f"{self.postcode} {self.place}"
