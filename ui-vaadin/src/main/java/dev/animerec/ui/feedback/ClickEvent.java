package dev.animerec.ui.feedback;

import java.time.Instant;

public record ClickEvent(Instant occurredAt, String username, EventType type, Integer animeId, String context) {
}
