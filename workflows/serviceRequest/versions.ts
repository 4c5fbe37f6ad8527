/**
 * Versions of the serviceRequest workflow's logic. Release 1.0 (docs/decisions/0008) folded in every change
 * made before it: a change to what running requests do from now on gets a `patched()` id here, with the
 * old path kept and a replay fixture recorded after it (docs/architecture.md, "Versioning").
 */

/** Patch ids of changes made after 1.0 (none yet). */
export const PATCHES = {} as const;

/** A run continues as new past this many events or bytes of history (the server's hard limit is 50 MB). */
export const HISTORY_LIMITS = { events: 4_000, bytes: 4 * 1024 * 1024 };
