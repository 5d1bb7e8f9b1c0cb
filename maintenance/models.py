import secrets

from django.db import models


def new_epoch():
    return secrets.token_hex(8)


class DataVersion(models.Model):
    """One row: moved on by every change of the agreement's data, so that what is built from
    the data (the live report) can be cached under it by every process, whatever the cache.
    The epoch is new whenever the row is (a new or flushed database), so a version counted
    again from the start never meets an old cache entry."""

    epoch = models.CharField(max_length=16, default=new_epoch)
    version = models.PositiveBigIntegerField(default=0)

    def __str__(self):
        return f"{self.epoch}:{self.version}"
