"""Shared fixtures: the seed agreement, and a user and a logged-in client per role."""

import gc
import os
import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.test import Client, override_settings
from django.utils import translation

from accounts.management.commands.setup_demo import DEMO_CONTENT
from accounts.roles import MUNICIPAL_POLICE, READER, SECURITY_UNIT, assign_role
from agreements import demo as agreements_demo
from agreements.models import Agreement
from indicators import demo as indicators_demo
from measures import demo as measures_demo
from reports.freezing import present

SEED_SLUG = "trelleborg-2019-2022"
PASSWORD = "correct-horse-battery-staple"


# Fixtures through which a test reaches the database; pytest-django refuses any other test.
DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
}


def uses_the_database(item):
    return bool(DATABASE_FIXTURES.intersection(getattr(item, "fixturenames", ()))) or bool(
        item.get_closest_marker("django_db")
    )


# CI's second pass, on PostgreSQL: only what can turn out differently on another database.
DATABASE_TESTS_ONLY = os.environ.get("DATABASE_TESTS_ONLY") == "1"


def pytest_configure(config):
    """Python's cyclic garbage collector at its defaults (a collection every 700 new objects that
    can hold others, a full one every hundred of those) was a fifth of the tests' processor time:
    tests/meetings took 43-46 s of user time, 32-37 s with this. What is imported by now is kept
    out of its sight, and it runs seventy times less often; it still frees every cycle."""
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)


def pytest_collection_modifyitems(config, items):
    """DATABASE_TESTS_ONLY leaves out the tests that cannot reach a database: they ran in the
    first pass and would run the same here. (The browser tests leave out their axe runs there
    too: tests/browser/conftest.py.)"""
    if not DATABASE_TESTS_ONLY:
        return
    kept = [item for item in items if uses_the_database(item)]
    left_out = [item for item in items if not uses_the_database(item)]
    config.hook.pytest_deselected(items=left_out)
    items[:] = kept


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """PostgreSQL through the tests' own backend (tests/database/postgresql/): Django's, except
    that it empties the database after a committing test in a tenth of the time."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.postgresql":
        database["ENGINE"] = "tests.database.postgresql"
        # A connection made before this fixture ran has Django's backend: the next is ours.
        if hasattr(connections._connections, "default"):
            del connections["default"]


@pytest.fixture(autouse=True)
def quick_password_hashing(settings):
    """Test passwords hashed in microseconds: the production hasher's million rounds cost each
    test user and each login in a browser test half a second (a few minutes of every CI pass).
    No test here is about the hasher's strength; Django's own tests are."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def swedish_first():
    """Each test starts in the interface language: a request in English earlier in the same
    worker leaves English active in the thread, and a test of plain functions would read it."""
    translation.activate("sv")
    yield
    translation.deactivate()


def load_seed_agreement():
    call_command("loaddata", "trelleborg-2019-2022", verbosity=0)
    return Agreement.objects.get(slug=SEED_SLUG)


FLUSHING_FIXTURES = DATABASE_FIXTURES - {"db"}


def empties_the_database(item):
    """A test that commits, and so empties the database after it."""
    marker = item.get_closest_marker("django_db")
    options = marker.kwargs if marker else {}  # django_db(transaction=True), as ours say it
    committing = options.get("transaction") or options.get("reset_sequences")
    return bool(committing or FLUSHING_FIXTURES.intersection(item.fixturenames))


# What the tests build on the seed agreement, richest first, by the fixture that returns it.
# Each holds all that the ones after it hold.
BUILDS = {
    "installation": DEMO_CONTENT,  # as `setup_demo` leaves it
    "demo_agreement": (agreements_demo.create, measures_demo.create, indicators_demo.create),
    "demo_values": (indicators_demo.create,),
    "seed_agreement": (),
}


def build(name, agreement, already=()):
    """Build `name` on the seed agreement, leaving out what `already` built there."""
    for create in BUILDS[name]:
        if create not in already:
            create(agreement)
    return agreement


def holding(fixture):
    """The builds that hold `fixture`'s: itself and the richer ones."""
    names = list(BUILDS)
    return set(names[: names.index(fixture) + 1])


def module_reads_only(request, fixture):
    """Whether every database test of the requesting module asks for `fixture` or a richer build
    and none empties the database: only then may one build serve them all, unseen by tests that
    did not ask."""
    return all(
        holding(fixture).intersection(item.fixturenames) and not empties_the_database(item)
        for item in request.session.items
        if item.module is request.module and uses_the_database(item)
    )


@pytest.fixture(scope="module")
def module_build(request, django_db_setup):
    """(name, agreement's primary key) of the richest build held by what each database test of
    the module asks for, made once inside a transaction of the module's that each test's changes
    roll back to, as Django's setUpTestData does; None where there is none to share."""
    shared = next((name for name in BUILDS if module_reads_only(request, name)), None)
    if shared is None:
        yield None
        return
    blocker = request.getfixturevalue("django_db_blocker")
    with blocker.unblock(), transaction.atomic():
        built = (shared, build(shared, load_seed_agreement()).pk)
        # PostgreSQL defers the build's foreign key checks to the commit that never comes; each
        # test's teardown checks the pending ones, and its rollback makes them pending again.
        # Checked here, once, they are done for the module.
        connection.check_constraints()
        with blocker.block():  # between tests, as for any other
            yield built
        transaction.set_rollback(True)


def agreement_for(module_build, name):
    """The seed agreement with what `name` adds: the module's build, with what it lacks built
    for this test alone."""
    if module_build is None:
        return build(name, load_seed_agreement())
    shared, pk = module_build
    return build(name, Agreement.objects.get(pk=pk), already=BUILDS[shared])


@pytest.fixture
def seed_agreement(module_build, db):
    return agreement_for(module_build, "seed_agreement")


@pytest.fixture
def demo_values(module_build, db):
    """The seed agreement with the indicators' demo values."""
    return agreement_for(module_build, "demo_values")


@pytest.fixture
def demo_agreement(module_build, db):
    """The seed agreement with what the report is written from: the agreement's, the measures'
    and the indicators' demo data."""
    return agreement_for(module_build, "demo_agreement")


@pytest.fixture
def installation(module_build, db):
    """The whole demo installation: seconds of ORM work, done once per module where it can be."""
    return agreement_for(module_build, "installation")


@pytest.fixture
def make_user(db):
    def make(username, role=None, **extra):
        user = get_user_model().objects.create_user(username, password=PASSWORD, **extra)
        if role:
            assign_role(user, role)
        return user

    return make


@pytest.fixture
def security_user(make_user):
    return make_user("sakerhet", SECURITY_UNIT, first_name="Sara", last_name="Säker")


@pytest.fixture
def police_user(make_user):
    return make_user("kommunpolis", MUNICIPAL_POLICE, first_name="Kim", last_name="Polis")


@pytest.fixture
def reader_user(make_user):
    return make_user("lasare", READER, first_name="Lena", last_name="Läsare")


def _client_for(user):
    # A client of its own per role, so a test can act as several users side by side.
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def security_client(security_user):
    return _client_for(security_user)


@pytest.fixture
def police_client(police_user):
    return _client_for(police_user)


@pytest.fixture
def reader_client(reader_user):
    return _client_for(reader_user)


@pytest.fixture(scope="session", autouse=True)
def media_root(tmp_path_factory):
    """Stored files (presented reports' PDFs, uploads) go to a folder of this run's own, one
    per xdist worker: never into the checkout's media/, never where another worker writes."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    """An empty cache per test: rows are rolled back, so what was cached of them must go."""
    cache.clear()


def heading(response):
    """The page's main heading as a reader hears it: its text without tags, spaces collapsed."""
    found = re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S)
    assert found, "the page has no <h1>"
    return " ".join(re.sub(r"<[^>]+>", " ", found[1]).split())


REFUSED = "Åtkomst nekad"


def data_as_shown(response, *names):
    """The POST data of the forms, formsets or lists of forms named in the page's context,
    left as the page was loaded."""
    from django.forms import BaseFormSet

    from tests.meetings.conftest import form_values

    data = {}
    for name in names:
        shown = response.context[name]
        if isinstance(shown, BaseFormSet):
            data |= form_values(shown.management_form)
            shown = shown.forms
        for form in shown if isinstance(shown, list) else [shown]:
            data |= form_values(form)
    return data


@pytest.fixture
def successor_agreement(seed_agreement):
    """The 2023–2026 agreement as published (it uses the 2019–2022 fixture's indicators)."""
    call_command("loaddata", "trelleborg-2023-2026", verbosity=0)
    return Agreement.objects.get(slug="trelleborg-2023-2026")


def present_to_the_board(report, user):
    """Present `report` as kommunstyrelsen's April meeting does in every test that needs one."""
    return present(
        report,
        user=user,
        presented_on="2022-04-05",
        presented_to="Kommunstyrelsen",
        case_number="KS 2022/77",
    )
