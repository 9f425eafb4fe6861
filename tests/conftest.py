import io
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate limits live in the cache: each test starts with none spent."""
    cache.clear()


@pytest.fixture
def demo_output(db):
    """Loads the demo content as `make run` does and returns what the command printed."""
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def demo_site(demo_output):
    from home.models import HomePage

    return HomePage.objects.get()


@pytest.fixture
def demo_admin_credentials(demo_output):
    email = re.search(r"e-mail:\s+(\S+)", demo_output).group(1)
    password = re.search(r"password:\s+(\S+)", demo_output).group(1)
    return email, password
