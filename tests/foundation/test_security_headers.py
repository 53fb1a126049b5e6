import re

from tests.conftest import client_for


def test_it_sends_a_strict_content_security_policy(staff):
    response = client_for(staff).get("/plans/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy


def test_it_puts_no_inline_script_or_style_in_the_layout(staff):
    html = client_for(staff).get("/plans/").content.decode()
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag, tag
    assert all(
        not body.strip() for body in re.findall(r"<script\b[^>]*>(.*?)</script>", html, re.S)
    )
    assert "style=" not in html
    assert "hx-on" not in html


def test_it_loads_the_vendored_htmx_and_sends_the_csrf_header_from_body(staff):
    client = client_for(staff)
    html = client.get("/plans/").content.decode()
    assert '<script src="/static/vendor/htmx/htmx-2.0.10.min.js" defer></script>' in html
    token = client.cookies["csrftoken"].value if "csrftoken" in client.cookies else None
    body = re.search(r"<body [^>]*hx-headers='([^']*)'", html)
    assert body and '"X-CSRFToken"' in body.group(1)
    assert token is None or token  # the cookie is set by the page that rendered the token
    assert '"allowEval": false' in html
    assert '"includeIndicatorStyles": false' in html


def test_it_has_a_skip_link_and_a_main_landmark(staff):
    html = client_for(staff).get("/plans/").content.decode()
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert '<html lang="en">' in html
