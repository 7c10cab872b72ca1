package dev.animerec.pipeline;

/** Where a local run's data comes from. */
public enum Source {
    /** The bundled real MAL snapshot under data/snapshot: no network, no account. */
    SNAPSHOT,
    /** Live crawling of MAL / Jikan by the scheduler and crawler workers. */
    LIVE
}
