/**
 * Versions of the workflows' logic. Release 1.0 (docs/decisions/0008) folded in every change made before it;
 * each change to what running workflows do since then is a `patched()` id at the step it changes, with the old
 * path kept and a replay fixture recorded after it (docs/architecture.md, "Versioning"). Open patches:
 * - `triage-no-visit` (intake): a consultation or `visitNeeded: false` is answered remotely, offered to nobody
 * - `carry-in-repair` (workflow): a carry-in request waits for the unit instead of being dispatched
 * - `contract-allowance` (contractAllowance): a contract request claims a visit of its allowance
 * - `work-replaces-components` (handlers): the work record installs the components it names
 * - `ended-earlier-request-fix-taken-back` (intake): a recurrence takes back a closed request's first-time fix
 * - `manager-escalation-business-hours` (intake): the manager's delay counts service hours on a business clock
 * - `carry-in-storage` (carryInStorage): a unit ready for collection gets the service point's storage terms
 * - `suggestion-kpis` (suggestion workflow): suggestions are counted in the monthly KPIs
 */

/** A run continues as new past this many events or bytes of history (the server's hard limit is 50 MB). */
export const HISTORY_LIMITS = { events: 4_000, bytes: 4 * 1024 * 1024 };
