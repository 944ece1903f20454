import pytest
from django.core import mail
from wagtail.contrib.forms.models import FormSubmission

from pages.models import FeedbackFormField, FeedbackFormPage, HomePage, ServiceIndexPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def feedback_page():
    home = HomePage.objects.get(locale__language_code="az")
    page = FeedbackFormPage(
        title="Rəy bildirin",
        slug="rey",
        intro="<p>Xidmətlərimizi necə yaxşılaşdıraq?</p>",
        thank_you_text="<p>Rəyiniz nazirliyə çatdı.</p>",
        to_address="feedback@example.az",
        from_address="e-muraciet@example.az",
        subject="Saytdan rəy",
    )
    page.form_fields = [
        FeedbackFormField(label="Adınız", field_type="singleline", required=True),
        FeedbackFormField(label="E-poçt", field_type="email", required=False),
        FeedbackFormField(
            label="Xidmət", field_type="dropdown", choices="Ünvanlı yardım\nDigər", required=True
        ),
        FeedbackFormField(label="Rəyiniz", field_type="multiline", required=True),
    ]
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def names(page):
    """The posted name of each question (Wagtail derives it from the label)."""
    return {f.label: f.clean_name for f in page.form_fields.all()}


def test_a_visitor_sends_feedback_it_is_stored_and_the_landing_page_shows(client, feedback_page):
    form = client.get(feedback_page.url)
    assert form.status_code == 200
    html = form.content.decode()
    assert "Xidmətlərimizi necə yaxşılaşdıraq?" in html
    name = names(feedback_page)
    assert all(f'name="{n}"' in html for n in name.values())

    response = client.post(
        feedback_page.url,
        {
            name["Adınız"]: "Gülşən Əliyeva",
            name["E-poçt"]: "gulshen@example.az",
            name["Xidmət"]: "Ünvanlı yardım",
            name["Rəyiniz"]: "Ərizəni doldurmaq asan idi.",
        },
    )

    assert response.status_code == 200
    assert "Rəyiniz nazirliyə çatdı." in response.content.decode()
    submission = FormSubmission.objects.get(page=feedback_page)
    assert submission.get_data()[name["Rəyiniz"]] == "Ərizəni doldurmaq asan idi."
    assert submission.get_data()[name["Xidmət"]] == "Ünvanlı yardım"
    assert [m.to for m in mail.outbox] == [["feedback@example.az"]]
    assert "Ərizəni doldurmaq asan idi." in mail.outbox[0].body


def test_feedback_missing_a_required_answer_is_shown_again_and_not_stored(client, feedback_page):
    name = names(feedback_page)
    response = client.post(feedback_page.url, {name["Adınız"]: "Gülşən", name["Xidmət"]: "Digər"})

    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert f'href="#id_{name["Rəyiniz"]}"' in html
    assert not FormSubmission.objects.filter(page=feedback_page).exists()
    assert mail.outbox == []


def test_feedback_pages_go_under_the_home_page_or_a_service_index():
    home = HomePage.objects.get(locale__language_code="az")
    services = ServiceIndexPage.objects.get(locale__language_code="az")
    assert FeedbackFormPage.can_create_at(home)
    assert FeedbackFormPage.can_create_at(services)
    assert FeedbackFormPage.allowed_subpage_models() == []
