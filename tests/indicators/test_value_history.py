"""An indicator's page says which value changed, for which period and group, from what to what."""

from decimal import Decimal

from indicators.models import Value


def test_indicator_page_shows_a_value_change_with_its_period(
    security_client, security_user, demo_values, django_assert_max_num_queries
):
    value = Value.objects.get(
        indicator__code="brott-bostadsinbrott", period__label="2021", group__code="alla"
    )
    old = value.value
    value.value, value._history_user = Decimal("101.5"), security_user
    value.save()
    with django_assert_max_num_queries(40):
        text = security_client.get(value.indicator.get_absolute_url()).text
    assert f"2021 · {value.group.name}, ändrad av Sara Säker" in text
    assert f"Värde: {str(old).replace('.', ',')} → 101,50" in text
