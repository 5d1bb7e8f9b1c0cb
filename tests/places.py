"""The municipalities tests make agreements for."""

from municipalities.models import Municipality


def municipality(code, name, police_area="Lokalpolisområde Trelleborg"):
    return Municipality.objects.get_or_create(
        code=code, defaults={"name": name, "police_area": police_area}
    )[0]


def trelleborg():
    return municipality("1287", "Trelleborgs kommun")


def svedala():
    return municipality("1263", "Svedala kommun")
