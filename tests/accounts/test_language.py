"""Swedish by default, whatever the browser prefers; English when the user picks it."""


def test_swedish_even_for_an_english_browser(security_client, seed_agreement):
    response = security_client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Välkommen" in response.text
    assert response["Content-Language"] == "sv"


def test_english_when_chosen_in_the_footer(security_client, seed_agreement):
    response = security_client.post("/sprak/", {"language": "en", "next": "/"}, follow=True)
    assert "Welcome" in response.text
    assert '<html lang="en">' in response.text
