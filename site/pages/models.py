from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from forms_app.models import EServicePage

from .blocks import BodyBlock


class HomePage(Page):
    """The ministry's e-services home: an introduction and the services to apply for."""

    intro = RichTextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["services"] = (
            EServicePage.objects.live().public().descendant_of(self).order_by("path")
        )
        return context


class ServiceIndexPage(Page):
    """Lists the e-services below it."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    subpage_types = ["forms_app.EServicePage", "pages.StandardPage", "pages.FeedbackFormPage"]

    class Meta:
        verbose_name = _("service index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["services"] = self.get_children().live().public().specific()
        return context


class StandardPage(Page):
    """A page of text: guidance, contacts, legal notices."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")


class FeedbackFormField(AbstractFormField):
    """One question of a feedback page."""

    page = ParentalKey("FeedbackFormPage", on_delete=models.CASCADE, related_name="form_fields")


class FeedbackFormPage(AbstractEmailForm):
    """“Send us feedback”: questions the editors choose; every answer is kept as a form
    submission (Forms in the admin) and, when an address is set, emailed to the ministry."""

    intro = RichTextField(_("introduction"), blank=True)
    thank_you_text = RichTextField(
        _("thank-you text"), blank=True, help_text=_("Shown once the feedback is sent.")
    )

    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("questions")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("Email the feedback"),
        ),
    ]
    search_fields = AbstractEmailForm.search_fields + [index.SearchField("intro")]
    parent_page_types = ["pages.HomePage", "pages.ServiceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("feedback page")


class StatisticsPage(Page):
    """Public figures of the applications: per day and channel, decisions, flags, with charts
    drawn on the server (see pages/statistics.py)."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["pages.HomePage", "pages.ServiceIndexPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("statistics page")

    def get_context(self, request, *args, **kwargs):
        from .statistics import statistics_context

        return {**super().get_context(request, *args, **kwargs), **statistics_context()}


@register_setting(icon="list-ul")
class FooterSettings(BaseSiteSetting):
    """The pages every public page links to in its footer, as GOV.UK services do."""

    privacy_page = models.ForeignKey(
        Page,
        verbose_name=_("privacy notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        Page,
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    feedback_page = models.ForeignKey(
        Page,
        verbose_name=_("feedback"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    statistics_page = models.ForeignKey(
        Page,
        verbose_name=_("statistics"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("privacy_page"),
        FieldPanel("accessibility_page"),
        FieldPanel("feedback_page"),
        FieldPanel("statistics_page"),
    ]

    class Meta:
        verbose_name = _("footer links")

    def pages(self):
        return [
            p
            for p in (
                self.privacy_page,
                self.accessibility_page,
                self.feedback_page,
                self.statistics_page,
            )
            if p is not None
        ]
