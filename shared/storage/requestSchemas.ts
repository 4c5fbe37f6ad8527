/** Service-request records: unit history, intake keys, the read model, the outbox, improvement actions, the archive. */
import { Schema } from 'mongoose';
import { key, opts } from './schemaOptions';

/** The requests of each unit, one slot per request (`<serial>|<seq>`), plus a head hint (`<serial>|head`). */
/**
 * The ordered change log (changeLog.ts): entry n (_id n zero-padded) = request r reached version v, or
 * several such changes in `c` (group commit); no gaps.
 */
export const requestChange = new Schema(
  {
    _id: { type: String, required: true },
    r: String,
    v: Number,
    // The open row at that version, or null once the request left open work (absent in early entries).
    o: { type: Schema.Types.Mixed, default: undefined },
    c: { type: [{ _id: false, r: String, v: Number, o: Schema.Types.Mixed }], default: undefined },
    t: Number, // written at (ms): the pruner's clock
    floor: Number, // only on the 'floor' document: the lowest entry that may exist
  },
  { versionKey: false },
);

export const unitRequest = new Schema({ ...key, requestNo: String, seq: Number }, { versionKey: false });

export const intakeKey = new Schema(
  {
    ...key, // = <caller id>:<Idempotency-Key>
    requestNo: String, // set once the workflow has started; absent while it is being created
    callerId: String,
    candidate: String, // the number the holder is starting now (its workflow's memo names this key)
    generation: Number, // bumped by each takeover after a holder's lease ran out
    claimedAt: Date,
  },
  opts,
);

/** A step's Idempotency-Key bound to the body first sent with it (a different body with the key is 422). */
export const stepKey = new Schema({ ...key, bodyHash: { type: String, required: true } }, opts);

/** Read model for lists (R-RECORD-3 later); written only by the publishStep activity. */
export const serviceRequest = new Schema(
  {
    ...key, // = requestNo
    requestNo: { type: String, required: true },
    workflowId: String,
    version: { type: Number, required: true },
    status: { type: String, index: true },
    kind: String,
    urgency: String,
    channel: String,
    region: String,
    customerId: { type: String, index: true },
    customerName: String,
    serialNumber: { type: String, index: true },
    assetId: { type: String, sparse: true, index: true }, // R-ASSET-1: the component the request is about
    productLine: String,
    entitlement: String,
    engineerId: { type: String, index: true },
    offeredTo: String,
    appointmentStart: String,
    followUpDueAt: String,
    receivedAt: String,
    recurrenceOf: { type: String, index: true }, // R-FOLLOW-3: the earlier request whose fault came back
    firstTimeFix: Boolean,
    lastAction: String,
    lastActionAt: String,
    // SLA and dispatch (R-SLA-4, R-DISPATCH): the dispatcher list filters and sorts on these.
    open: Boolean,
    nextDeadline: String,
    deadlineOrder: String,
    slaPolicy: String,
    nextDeadlineCalendar: String, // R-SLA-6: the calendar whose service hours the nearest deadline counts
    slaBreached: Boolean,
    breachedClocks: [String],
    openClocks: [String],
    acknowledged: Boolean,
    responded: Boolean,
    breaches: Schema.Types.Mixed,
    pausedMs: Number,
    waitingOn: String,
    visits: Number,
    // R-ENTITLE-1: a request counted against its contract's allowance, and its time on site.
    contractNo: String,
    contractPeriod: String,
    onSiteMinutes: Number,
    allowancePending: String, // why the request waits for a supervisor's approval beyond the allowance
    resolution: String,
    // Quotations and settlement (R-QUOTE, R-SETTLE)
    quotationVersion: Number,
    quotationStatus: String,
    settlementTotalMinor: Number,
    currency: String,
    settled: Boolean,
    closedAs: String,
    // Set by the abnormal-end sweep when the workflow was terminated, timed out or failed.
    endedAs: String,
    endedAt: String,
  },
  { versionKey: false, timestamps: true },
);
// For MongoDB 6+, where indexes serve: history browsing and the audit by period, per customer and
// engineer. The hot paths do not query this collection (docs/decisions/0006).
serviceRequest.index({ receivedAt: -1 });
serviceRequest.index({ contractNo: 1, contractPeriod: 1 }, { sparse: true }); // a contract period's on-site hours
serviceRequest.index({ customerId: 1, receivedAt: -1 });
serviceRequest.index({ engineerId: 1, receivedAt: -1 });
serviceRequest.index({ open: 1, deadlineOrder: 1, receivedAt: 1 });

/** Messages not yet delivered; once sent they move to outbox_sent, so the dispatcher's scan stays small. */
export const outbox = new Schema(
  {
    ...key, // = the message key: workflow id / step / template / recipient
    requestNo: { type: String, index: true },
    channel: { type: String, required: true },
    to: { type: String, required: true }, // role of the recipient
    address: String,
    template: String,
    subject: String,
    body: String,
    status: { type: String, required: true }, // pending | undeliverable here; sent in outbox_sent
    // The delivery lane (shared/notifications/lanes.ts): <priority>:<channel> while due, `retry` while a
    // failed attempt waits, none once undeliverable. The dispatcher reads a lane by equality (no scan).
    lane: { type: String, index: true },
    attempts: { type: Number, default: 0 },
    lastError: String,
    sentAt: Date,
    // Retries back off: the next attempt is not before this; a message is late or given up on
    // counting from when it was queued, or from when an admin last re-sent it.
    nextAttemptAt: Date,
    pendingSince: Date,
    lateSince: Date,
  },
  opts,
);

/**
 * Who is delivering a message now: a unique insert, so exactly one dispatcher wins. (FerretDB v1 loses
 * concurrent findAndModify / conditional updates; a unique index is the guard that holds.)
 */
export const outboxClaim = new Schema(
  {
    _id: { type: String, required: true }, // the message key
    claimedAt: { type: Date, required: true },
    by: String,
  },
  { versionKey: false },
);

/**
 * Improvement actions (R-FOLLOW-2): one row per action, written by its workflow's publisher (`version` = its
 * step). Rows from requests started before the improvement workflow (`<workflow id>/improvement`) stay as
 * they were written: open, with the score and reason.
 */
export const improvementAction = new Schema(
  {
    ...key, // = actionId
    actionId: String,
    version: Number,
    source: { type: String, index: true },
    sourceRef: { type: String, index: true },
    requestNo: String,
    title: String,
    description: String,
    owner: Schema.Types.Mixed,
    ownerId: { type: String, index: true },
    dueAt: { type: String, index: true },
    openedAt: String,
    openedBy: Schema.Types.Mixed,
    status: { type: String, default: 'open', index: true },
    notes: Schema.Types.Mixed,
    outcome: String,
    rejectedReason: String,
    remindedAt: String,
    escalatedAt: String,
    closedAt: String,
    workflowId: String,
    lastAction: String,
    lastActionAt: String,
    score: Number,
    reason: String,
    history: Schema.Types.Mixed,
  },
  opts,
);

/** Complaints (R-FOLLOW-4): one row per complaint, written by its workflow's publisher (`version` = its step). */
export const complaint = new Schema(
  {
    ...key, // = complaintNo
    complaintNo: { type: String, required: true },
    workflowId: String,
    version: { type: Number, required: true },
    status: { type: String, index: true },
    category: String,
    channel: String,
    customerId: { type: String, index: true },
    customerName: String,
    relatedRequestNos: { type: [String], index: true }, // a request shows its complaints
    receivedAt: { type: String, index: true },
    nextDeadline: String,
    slaBreached: Boolean,
    breachedClocks: [String],
    clocks: Schema.Types.Mixed,
    responsibleParty: String,
    rootCause: String,
    revisits: [String],
    improvementActionId: String,
    escalatedToManager: Number,
    closedAt: String,
    lastAction: String,
    lastActionAt: String,
    view: Schema.Types.Mixed, // the whole complaint view, for reading it after its workflow has left Temporal
  },
  opts,
);

/** Maintenance plans (R-MAINT-1/2): the plan an enterprise keeps; its Schedule in Temporal fires the occurrences. */
export const maintenancePlan = new Schema(
  {
    ...key, // = planId
    planId: { type: String, required: true },
    serialNumber: { type: String, index: true },
    contractNo: { type: String, index: true },
    customerId: { type: String, index: true },
    region: { type: String, index: true },
    everyMonths: Number, // the calendar, absent on a usage-only plan
    leadDays: { type: Number, required: true },
    firstDue: String,
    usage: Schema.Types.Mixed, // R-ASSET-2: { counter, every, from, openBefore }
    checklist: { type: Schema.Types.Mixed, required: true },
    preferredWindow: String,
    status: { type: String, required: true, index: true }, // active | paused | ended
    endsOn: String, // the contract's end: the plan ends with it
    reason: String,
    version: { type: Number, required: true },
    changes: Schema.Types.Mixed, // who changed what when
  },
  { ...opts, minimize: false },
);
/** One row per plan, unit and due date: the request the occurrence opened. */
export const maintenanceOccurrence = new Schema(
  {
    ...key,
    planId: { type: String, index: true },
    serialNumber: String,
    dueDate: String,
    requestNo: String,
    openedAt: Date,
    atCounter: Schema.Types.Mixed, // a usage occurrence: { counter, threshold, value }
  },
  opts,
);

/** Every version of every master-data record (_id = kind:id@version): the unique insert claims the version. */
export const masterDataChange = new Schema(
  {
    ...key,
    kind: String,
    id: String,
    version: Number,
    by: String,
    reason: String,
    doc: Schema.Types.Mixed,
  },
  { ...opts, minimize: false },
);

/** KPI sums of one month (R-RECORD-3), written only by that month's kpiMonth workflow. */
export const kpiMonth = new Schema(
  { ...key, month: String, version: Number, sums: Schema.Types.Mixed },
  { ...opts, minimize: false },
);

/** History entries a request moved out of its workflow state (EarlierHistory): one chunk per document. */
export const requestHistory = new Schema(
  {
    ...key, // = <requestNo>/<first seq, 6 digits>
    requestNo: { type: String, required: true },
    entries: { type: [Schema.Types.Mixed], required: true },
  },
  opts,
);

export const archive = new Schema(
  {
    ...key, // = requestNo
    requestNo: { type: String, required: true },
    archiveKey: { type: String, required: true, index: true }, // customer name + serial number + service date (R-RECORD-2)
    closedAt: { type: Date, required: true },
    retainUntil: { type: Date, required: true },
    record: { type: Schema.Types.Mixed, required: true },
  },
  opts,
);
