"""Channels in words for staff: one wording, on the type, for the read queue, the safeguarding
inbox and the alerts alike."""

from __future__ import annotations

from app.core.types import Channel


def test_every_channel_has_one_label_and_a_stored_unknown_value_shows_as_it_is():
    labels = {channel: channel.label for channel in Channel}  # a new channel without one fails
    assert labels[Channel.SMS] == "Text message" and labels[Channel.KIOSK] == "Tablet"
    assert len(set(labels.values())) == len(labels)
    assert Channel.label_of("whatsapp") == "WhatsApp message"
    assert Channel.label_of("carrier_pigeon") == "carrier_pigeon"
