/**
 * The quarterly audit (R-RECORD-4): requests, SLA breaches, complaints and improvement actions of a
 * period, as CSV (UTF-8 with a byte order mark, so spreadsheets open Chinese text) or JSON, streamed
 * row by row from the read models (never the whole period in memory).
 */
import { stringify } from 'csv-stringify';
import type { Response } from 'express';
import { periodFrom, periodTo, z } from '../../shared/common/schemaParts';
import type { Repositories } from '../../shared/storage/repositories';
import { claimRow } from '../../shared/supplierClaim/recovered';
import { HttpError } from '../http/errors';
import { route, type Route } from '../http/routes';

const WHAT = ['requests', 'breaches', 'complaints', 'improvements', 'supplier-claims'] as const;
type What = (typeof WHAT)[number];
const MAX_DAYS = 400;

export const exportQuerySchema = z.strictObject({
  what: z.enum(WHAT),
  from: periodFrom,
  to: periodTo,
  format: z.enum(['csv', 'json']).default('csv'),
  region: z.string().max(64).optional().openapi({ description: 'requests and breaches of one region' }),
});

type Row = Record<string, string | number | boolean | null>;
const list = (v: unknown) => (Array.isArray(v) ? v.join(' ') : null);

/** The columns of each export, in order, and where their rows come from. */
function source(
  repos: Repositories,
  what: What,
  q: z.infer<typeof exportQuerySchema>,
): { columns: string[]; rows: () => AsyncIterable<Row> } {
  const period = { from: q.from, to: q.to };
  const requests = { receivedFrom: q.from, receivedTo: q.to, ...(q.region ? { region: q.region } : {}) };
  const cols = {
    requests: [
      'requestNo',
      'receivedAt',
      'kind',
      'urgency',
      'channel',
      'region',
      'customerId',
      'customerName',
      'serialNumber',
      'productLine',
      'entitlement',
      'engineerId',
      'status',
      'closedAs',
      'slaPolicy',
      'slaBreached',
      'breachedClocks',
      'visits',
      'settlementTotalMinor',
      'currency',
      'settled',
      'recurrenceOf',
      'firstTimeFix',
    ],
    breaches: ['ref', 'type', 'region', 'clock', 'breachedAt', 'overrunMs', 'escalatedTo'],
    complaints: [
      'complaintNo',
      'receivedAt',
      'category',
      'channel',
      'customerId',
      'customerName',
      'relatedRequestNos',
      'status',
      'responsibleParty',
      'rootCause',
      'slaBreached',
      'breachedClocks',
      'escalatedToManager',
      'improvementActionId',
      'revisits',
      'closedAt',
    ],
    improvements: [
      'actionId',
      'source',
      'sourceRef',
      'title',
      'ownerId',
      'openedAt',
      'dueAt',
      'status',
      'escalatedAt',
      'closedAt',
      'outcome',
      'rejectedReason',
    ],
    // R-RMA-1: claims decided in the period, with what came back.
    'supplier-claims': [
      'claimId',
      'inspectionId',
      'requestNo',
      'partNo',
      'supplier',
      'claimNo',
      'serials',
      'status',
      'recoveredMinor',
      'currency',
      'decidedAt',
    ],
  }[what];
  const pick = (doc: Record<string, unknown>): Row =>
    Object.fromEntries(cols.map((c) => [c, Array.isArray(doc[c]) ? list(doc[c]) : ((doc[c] as Row[string]) ?? null)]));
  const rows = {
    requests: async function* () {
      for await (const r of repos.serviceRequest.exportRows(requests)) yield pick(r);
    },
    breaches: async function* () {
      for await (const r of repos.serviceRequest.exportRows({ ...requests, breached: true }))
        for (const b of (r.breaches as Record<string, unknown>[]) ?? [])
          yield pick({ ref: r._id, type: 'request', region: r.region, ...b });
      if (q.region) return; // complaints have no region of their own
      for await (const c of repos.complaint.exportRows(period, true))
        for (const k of ((c.clocks as Record<string, unknown>[]) ?? []).filter((x) => x.breachedAt))
          yield pick({ ref: c._id, type: 'complaint', clock: k.name, breachedAt: k.breachedAt, escalatedTo: null });
    },
    complaints: async function* () {
      for await (const c of repos.complaint.exportRows(period)) yield pick(c);
    },
    improvements: async function* () {
      for await (const a of repos.improvement.exportRows(period)) yield pick(a);
    },
    'supplier-claims': async function* () {
      for (const c of await repos.supplierClaim.decidedBetween(q.from, q.to)) yield pick(claimRow(c));
    },
  }[what];
  return { columns: cols, rows };
}

async function stream(res: Response, format: 'csv' | 'json', filename: string, s: ReturnType<typeof source>) {
  res.status(200);
  res.setHeader('Content-Disposition', `attachment; filename="${filename}.${format}"`);
  if (format === 'json') {
    res.type('application/json');
    res.write('[');
    let first = true;
    for await (const row of s.rows()) {
      res.write(`${first ? '' : ','}\n${JSON.stringify(row)}`);
      first = false;
    }
    res.end('\n]\n');
    return;
  }
  res.type('text/csv; charset=utf-8');
  res.write('\uFEFF'); // the byte order mark: spreadsheets then read the file as UTF-8
  const csv = stringify({ header: true, columns: s.columns, cast: { boolean: (b) => (b ? 'true' : 'false') } });
  csv.pipe(res);
  for await (const row of s.rows()) if (!csv.write(row)) await new Promise((r) => csv.once('drain', r));
  csv.end();
  await new Promise((r) => res.once('finish', r));
}

export function auditRoutes(deps: { repos: Repositories }): Route<any>[] {
  return [
    route({
      method: 'get',
      path: '/audit/export',
      summary: 'Export requests, SLA breaches, complaints or improvement actions of a period (CSV or JSON, streamed)',
      roles: ['admin', 'quality', 'manager'],
      query: exportQuerySchema,
      response: z.array(z.looseObject({})).openapi({ description: 'format=json: the rows' }),
      media: [{ type: 'text/csv', description: 'format=csv: the rows with a header row (UTF-8)' }],
      handler: async ({ query, res }) => {
        const q = query as z.infer<typeof exportQuerySchema>;
        if (q.to < q.from) throw new HttpError(400, `query.to: ${q.to} is before ${q.from}`);
        if (Date.parse(q.to) - Date.parse(q.from) > MAX_DAYS * 86_400_000)
          throw new HttpError(400, `query.to: a period of at most ${MAX_DAYS} days (a quarter is about 92)`);
        const name = `audit-${q.what}-${q.from.slice(0, 10)}-${q.to.slice(0, 10)}`;
        await stream(res, q.format, name, source(deps.repos, q.what, q));
        return undefined;
      },
    }),
  ];
}
