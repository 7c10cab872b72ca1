package dev.animerec.items;

/** A MAL club, as listed on an anime's or a user's page. */
public record ClubRef(@Required int clubId, String name, String url) {
}
