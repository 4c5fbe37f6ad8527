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
export const reasonSchema = z.strictObject({ reason: text(500) }).openapi('Reason');
