"""factory_boy factories for 主动公开: build only what a test needs.

Workflow tests go through the services (``publication_create``, ``transition``); these
factories set up the records around them (a year of published items, a body's documents).
"""

from __future__ import annotations

from datetime import date

import factory
from factory.django import DjangoModelFactory

from gongkai.publishing.models import (
    Channel,
    NormativeDocument,
    NormativeKind,
    Publication,
    PublicationChannel,
    Source,
)
from gongkai.publishing.search import index_publication
from gongkai.publishing.states import Status


class PublicationFactory(DjangoModelFactory):
    """A published item (imported, so without a 第二十六条 deadline), indexed for search."""

    class Meta:
        model = Publication
        skip_postgeneration_save = True

    index_number = factory.Sequence(lambda n: f"TEST/2025-{n:05d}")
    title = factory.Sequence(lambda n: f"测试信息{n}")
    formed_on = date(2025, 3, 3)
    published_on = factory.LazyAttribute(lambda o: o.formed_on)
    status = Status.PUBLISHED
    source = Source.IMPORTED
    secrecy_reviewed = True
    secrecy_reviewer = "保密员"

    @factory.post_generation
    def channels(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        if not create:
            return
        for channel in extracted if extracted is not None else [Channel.WEBSITE]:
            PublicationChannel.objects.create(
                publication=self, channel=channel, published_on=self.published_on
            )

    @factory.post_generation
    def indexed(self, create: bool, extracted: bool | None, **kwargs: object) -> None:
        if create and extracted is not False:
            index_publication(self)


class NormativeDocumentFactory(DjangoModelFactory):
    class Meta:
        model = NormativeDocument

    kind = NormativeKind.NORMATIVE
    title = factory.Sequence(lambda n: f"关于规范某事项的通知（{n}）")
    made_on = date(2024, 5, 6)
