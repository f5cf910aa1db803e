import pytest

from sendco.accounts.roles import Role

from ..statutory_records import make_records


@pytest.fixture
def records(cast):
    return make_records(cast.pupil)


@pytest.fixture
def senco_client(client, cast):
    client.force_login(cast.user(Role.SENCO))
    return client
