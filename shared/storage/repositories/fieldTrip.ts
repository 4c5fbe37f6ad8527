/**
 * Trips, the stock ledger and the quality inspections of parts brought back. Trips and inspections are
 * read by id; an engineer's trips, the trips waiting at a warehouse and a request's inspections are named
 * scans (trip rows are few per engineer; inspections are read off the polled paths).
 */
import { keyed } from '../keyed';
import type { Models } from '../models';
import { StockLedger } from '../stockLedger';

export interface InspectionFields {
  /** Absent for a module a branch office sent back without a trip (001 §5.6.3). */
  tripId?: string;
  requestNo?: string;
  partNo: string;
  symptom?: string;
  origin?: string;
  status: 'open';
  [field: string]: unknown;
}

export function fieldTripRepository(m: Models) {
  const inspections = keyed(m.QualityInspection);
  const openInspections = keyed(m.OpenInspection);
  const findings = keyed(m.InspectionFinding);
  return {
    trips: keyed(m.Trip),
    /** Which trip serves a request, by request number. */
    tripRequests: keyed(m.TripRequest),
    inspections,
    findings,
    ledger: new StockLedger(m),
    /** The stock rows' locations and parts (one row per pair), narrowed by either. */
    stockPairs: (q: { location?: string; partNo?: string }) =>
      m.Stock.find(
        { ...(q.location ? { location: q.location } : {}), ...(q.partNo ? { partNo: q.partNo } : {}) },
        {
          _id: 0,
          location: 1,
          partNo: 1,
        },
      )
        .comment('scan: stock rows, one per location and part')
        .lean(),
    /** The requisitions waiting for stock at a warehouse (woken when parts arrive). */
    waitingAt: (warehouseId: string) =>
      m.Trip.find({ status: 'waiting_for_stock', warehouseId }, { _id: 1 })
        .comment('scan: trips waiting at a warehouse, when parts arrive there')
        .lean(),
    /** An engineer's latest trips (the dispatcher's lanes). */
    tripsOf: (engineerId: string, limit: number) =>
      m.Trip.find({ engineerId }, { tripId: 1, plannedStart: 1, plannedEnd: 1, status: 1 })
        .comment("scan: an engineer's trips (PostgreSQL serves the equality)")
        .sort({ _id: -1 })
        .limit(limit)
        .lean(),
    /** The supervisor's board: requisitions to decide and trips that wait for a write-off, oldest first. */
    toDecide: (limit: number) =>
      m.Trip.find(
        { status: { $in: ['awaiting_approval', 'waiting_for_stock', 'reconciling'] } },
        { tripId: 1, engineerId: 1, region: 1, status: 1, plannedStart: 1, plannedEnd: 1, lines: 1, missing: 1 },
      )
        .comment('scan: the trips a supervisor must decide, when the board is opened')
        .sort({ _id: 1 })
        .limit(limit)
        .lean(),
    /** R-PARTS-5: the inspections of parts from a request, with their findings (off the polled GET). */
    inspectionsOf: (requestNo: string) =>
      m.QualityInspection.find(
        { requestNo },
        { _id: 1, tripId: 1, partNo: 1, symptom: 1, origin: 1, status: 1, finding: 1, inspector: 1, findingAt: 1 },
      )
        .comment("scan: a request's inspections, read on demand")
        .sort({ _id: 1 })
        .lean(),
    /** The quality desk's queue: inspections still waiting for a finding. */
    openQueue: (limit: number) => m.OpenInspection.find({}).sort({ _id: 1 }).limit(limit).lean(),
    /** A part brought back for inspection: queued for the desk (unless already found), then recorded once. */
    async recordInspection(id: string, fields: InspectionFields): Promise<void> {
      // The queue entry first: a retry after a crash between the two writes still leaves it listed.
      if (!(await findings.has(id))) await openInspections.update(id, { $setOnInsert: fields }, { upsert: true });
      await inspections.update(id, { $setOnInsert: fields }, { upsert: true });
    },
    /** The finding's holder closes the inspection and takes it off the desk's queue. */
    async closeInspection(id: string, finding: string, inspector: string, responsibleParty?: string): Promise<void> {
      const blamed = responsibleParty ? { responsibleParty } : {};
      await inspections.update(id, {
        $set: { status: 'closed', finding, ...blamed, inspector, findingAt: new Date() },
      });
      await openInspections.remove(id);
    },
  };
}
