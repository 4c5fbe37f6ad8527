/**
 * Building blocks of the zod schemas (one schema per DTO, in its context's schemas.ts): they validate at
 * the edge, generate the OpenAPI document and give the TypeScript types. Node-side only: workflows
 * import schema types with `import type`.
 */
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { REQUEST_NO_PATTERN } from '../serviceRequest/ids';

extendZodWithOpenApi(z);

export { z };
export const text = (max: number) => z.string().trim().min(1).max(max);
export const isoDateTime = z.iso.datetime({ offset: true }).openapi({ example: '2026-11-23T09:00:00+08:00' });
export const requestNo = z.string().regex(REQUEST_NO_PATTERN, 'a request number like SR-20261122-0001');
/** A signature drawn on the screen, uploaded first (POST …/signatures): its SHA-256, as that call answered. */
export const signatureIdSchema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'the signatureId answered by POST /requests/{requestNo}/signatures')
  .openapi({ description: 'a signature drawn on the screen: the id POST /requests/{requestNo}/signatures answered' });
export const reasonSchema = z.strictObject({ reason: text(500) }).openapi('Reason');

/** A period bound: a day (a whole day, UTC) or an exact moment; normalised to an ISO instant in UTC. */
const bound = (end: boolean) =>
  z
    .union([z.iso.date(), z.iso.datetime({ offset: true })])
    .transform((v) => (v.length === 10 ? `${v}T${end ? '23:59:59.999' : '00:00:00.000'}Z` : new Date(v).toISOString()));
export const periodFrom = bound(false).openapi({
  description: 'from this day (UTC) or moment, inclusive',
  example: '2026-10-01',
});
export const periodTo = bound(true).openapi({
  description: 'to the end of this day (UTC) or this moment, inclusive',
  example: '2026-12-31',
});
/** A Mongo filter on an ISO-string field for a period (either end may be open). */
export const periodFilter = (from?: string, to?: string): Record<string, string> | undefined =>
  from || to ? { ...(from ? { $gte: from } : {}), ...(to ? { $lte: to } : {}) } : undefined;
