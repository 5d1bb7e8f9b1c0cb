"""The login page names every municipality the installation serves, not one of them."""

from municipalities import demo as neighbours_demo
from tests.places import municipality


def test_the_login_page_names_the_municipalities_with_an_agreement(client, seed_agreement):
    neighbours_demo.create()
    municipality("0000", "Riket")  # comparison figures only: not a party
    page = client.get("/logga-in/").text
    assert "mellan Svedala kommun, Trelleborgs kommun och Vellinge kommun och polisen." in page
    assert "Riket" not in page
