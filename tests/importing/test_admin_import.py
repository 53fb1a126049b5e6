from django.core.files.uploadedfile import SimpleUploadedFile

from readouts.models import Readout
from tests.conftest import client_for
from tests.importing.conftest import CA, US
from tests.importing.test_admin_outline import confirm_data
from workplan.models import Commitment, User, WorkPlan

IMPORT = "/admin/readouts/readout/import/"


def test_it_previews_an_upload_then_imports_on_confirm(admin_user, doc):
    client = client_for(admin_user)
    before = WorkPlan.objects.count()
    upload = SimpleUploadedFile("readout.txt", US.read_bytes(), content_type="text/plain")

    preview = client.post(IMPORT, {"upload": upload, "organization": doc.pk, "preview": "1"})

    assert preview.status_code == 200
    page = preview.content.decode()
    assert "3 pillars found" in page and "11 commitments" in page
    assert "Share approaches on enhancing security of the software supply chain" in page
    assert "already imported" in page  # the demo plan was built from this very text
    assert WorkPlan.objects.count() == before


def test_it_creates_a_plan_from_pasted_text_on_confirm(admin_user, doc):
    client = client_for(admin_user)
    text = US.read_text().replace("Secure .gov websites", "Secure government websites")
    preview = client.post(IMPORT, {"text": text, "organization": doc.pk, "preview": "1"})
    data = confirm_data(preview)

    response = client.post(IMPORT, {**data, "confirm": "1"})

    assert response.status_code == 302
    plan = Readout.objects.get(raw_text=text).plan
    assert response["Location"] == f"/admin/workplan/workplan/{plan.pk}/change/"
    assert Commitment.objects.filter(pillar__plan=plan).count() == 11


def test_it_matches_against_an_existing_plan_in_the_preview(admin_user, demo, ised):
    client = client_for(admin_user)
    text = CA.read_text() + "\nUpdated 2 hrs ago"
    preview = client.post(
        IMPORT, {"text": text, "plan": demo.pk, "organization": ised.pk, "preview": "1"}
    )
    matches = preview.context["preview"].matches
    assert len([m for m in matches if m[0] and m[1]]) == 11


def test_it_explains_why_nothing_was_found_and_opens_the_text_as_a_draft(admin_user):
    response = client_for(admin_user).post(
        IMPORT, {"text": "Nothing but a friendly chat about the weather.", "preview": "1"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "no pillar headings" in page.lower()
    assert response.context["confirm"]["outline"].value() == (
        "# Draft pillar: correct the title\n- Nothing but a friendly chat about the weather.\n"
    )
    assert 'name="confirm"' not in page  # a draft is previewed again before it imports


def test_it_asks_for_a_file_or_text(admin_user):
    response = client_for(admin_user).post(IMPORT, {"preview": "1"})
    assert "Upload a readout file or paste its text." in response.content.decode()


def test_it_refuses_a_binary_upload_with_a_message(admin_user):
    upload = SimpleUploadedFile(
        "readout.pdf", b"%PDF-1.4\x00\x00binary", content_type="application/pdf"
    )
    response = client_for(admin_user).post(IMPORT, {"upload": upload, "preview": "1"})
    assert response.status_code == 200
    assert "binary file" in response.content.decode()


def test_it_refuses_the_import_page_to_officials(us_official):
    response = client_for(us_official).get(IMPORT)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert not User.objects.filter(pk=us_official.pk, is_staff=True).exists()
