/** Stock balances (from the ledger) and quality inspection findings (R-PARTS-4, R-PARTS-5). */
import type { Client } from '@temporalio/client';
import { z } from '../../shared/common/schemaParts';
import { tripWorkflowId } from '../../shared/fieldTrip/ids';
import { partsArrivedSignal } from '../../shared/fieldTrip/messages';
import { inspectionSchema, receiptAnswerSchema, stockListSchema } from '../../shared/fieldTrip/responses';
import * as s from '../../shared/fieldTrip/schemas';
import type { Repositories } from '../../shared/storage/repositories';
import { HttpError } from '../http/errors';
import { actorOf, route, type Route } from '../http/routes';
import { improvementOpener } from '../improvement/open';
import type { Config } from '../../shared/runtime/config';
import { SUPERVISORS } from './planTrip';

export function stockRoutes(deps: { repos: Repositories; client: Client; config: Config }): Route<any>[] {
  const { repos, client } = deps;
  const { masterData, fieldTrip } = repos;
  const opener = improvementOpener(deps);
  const { ledger } = fieldTrip;
  return [
    route<z.infer<typeof s.receiptSchema>>({
      method: 'post',
      path: '/warehouses/:warehouseId/receipts',
      response: receiptAnswerSchema,
      summary: 'Parts received at a warehouse (ERP): booked once per messageId; waiting requisitions try again now',
      roles: ['service', 'admin'],
      params: s.warehouseParamSchema,
      body: s.receiptSchema,
      handler: async ({ params, body }) => {
        const { warehouseId } = params;
        if (!(await masterData.warehouses.has(warehouseId))) throw new HttpError(404, `no warehouse ${warehouseId}`);
        const partNos = [...new Set(body.lines.map((l) => l.partNo))];
        const known = new Set((await masterData.parts.getMany(partNos, { _id: 1 })).map((p) => p._id));
        const unknown = partNos.filter((p) => !known.has(p));
        if (unknown.length) throw new HttpError(400, `body.lines: no part ${unknown.join(', ')}`);
        for (const l of body.lines) {
          const key = `receipt/${warehouseId}/${body.messageId}/${l.partNo}`;
          await ledger.move({
            key,
            from: 'SUPPLIER',
            to: warehouseId,
            partNo: l.partNo,
            quantity: l.quantity,
            kind: 'receipt',
            ref: { messageId: body.messageId },
          });
        }
        // Requisitions waiting at this warehouse try again at once (not at their next hourly retry).
        const waiting = await fieldTrip.waitingAt(warehouseId);
        const woken: string[] = [];
        for (const t of waiting) {
          const signal = { warehouseId, partNos, messageId: body.messageId };
          await client.workflow
            .getHandle(tripWorkflowId(t._id))
            .signal(partsArrivedSignal, signal)
            .then(() => woken.push(t._id))
            .catch(() => undefined); // finished meanwhile: nothing waits there any more
        }
        return { warehouseId, messageId: body.messageId, booked: body.lines, woken };
      },
    }),
    route({
      method: 'get',
      path: '/stock',
      response: stockListSchema,
      summary: 'Stock balances per location and part (from the ledger)',
      roles: ['agent', 'service', 'engineer', ...SUPERVISORS],
      query: s.stockQuerySchema,
      handler: async ({ query }) => {
        const q = query as ReturnType<typeof s.stockQuerySchema.parse>;
        const hints = await fieldTrip.stockPairs(q);
        const items = await Promise.all(
          hints
            .filter((h) => h.location)
            .map(async (h) => ({
              location: h.location!,
              partNo: h.partNo,
              onHand: await ledger.balance(h.location!, h.partNo),
            })),
        );
        return { items: items.sort((a, b) => `${a.location}${a.partNo}`.localeCompare(`${b.location}${b.partNo}`)) };
      },
    }),
    route({
      method: 'post',
      path: '/quality-inspections/:id/finding',
      response: inspectionSchema,
      summary: 'Record the finding of a quality inspection (linked to its request)',
      roles: ['quality', 'support', 'admin'],
      params: s.inspectionParamSchema,
      body: s.inspectionFindingSchema,
      handler: async ({ caller, params, body }) => {
        if (!(await fieldTrip.inspections.has(params.id))) throw new HttpError(404, `no inspection ${params.id}`);
        const claimed = await fieldTrip.findings.claim({
          _id: params.id,
          finding: body.finding,
          ...(body.responsibleParty ? { responsibleParty: body.responsibleParty } : {}),
          inspector: caller.id,
          at: new Date(),
        });
        let earlierParty: string | undefined;
        if (!claimed) {
          // The same finding again from its inspector is a retry (it may still have to open its action).
          const earlier = await fieldTrip.findings.get(params.id);
          earlierParty = earlier?.responsibleParty ?? undefined;
          if (earlier?.finding !== body.finding || earlier?.inspector !== caller.id)
            throw new HttpError(409, `inspection ${params.id} already has a finding`);
        }
        // Only the holder of the finding writes the inspection (FerretDB v1: no atomic conditional update).
        // and off the quality desk's queue
        await fieldTrip.closeInspection(params.id, body.finding, caller.id, earlierParty ?? body.responsibleParty);
        if (body.improvement) {
          const { title, ...who } = body.improvement;
          await opener.open({
            ...who,
            actionId: `IA-${params.id.toUpperCase()}`, // one per inspection
            source: 'inspection',
            sourceRef: params.id,
            title,
            description: body.finding,
            openedBy: actorOf(caller),
          });
        }
        return fieldTrip.inspections.get(params.id);
      },
    }),
  ];
}
