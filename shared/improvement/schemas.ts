/** Improvement action DTOs, one schema each (Node-side). */
import { periodFrom, periodTo, text, z } from '../common/schemaParts';

export { reasonSchema } from '../common/schemaParts';
import { IMPROVEMENT_SOURCES, IMPROVEMENT_STATUSES } from './types';

export const openImprovementSchema = z
  .strictObject({
    source: z.enum(['inspection', 'manual']).openapi({
      description: 'by hand: an inspection finding or a supervisor; follow-ups and complaints open their own',
    }),
    sourceRef: z
      .string()
      .trim()
      .max(120)
      .optional()
      .openapi({ description: 'the inspection id or request it is about' }),
    title: text(200),
    description: text(4000),
    ownerId: text(64).openapi({ description: 'the staff id that carries it out (its token id)' }),
    ownerEmail: z.email().optional(),
    dueInDays: z.number().int().min(1).max(365).optional().openapi({ description: 'default: the policy (14 days)' }),
  })
  .openapi('OpenImprovement');
export const noteSchema = z.strictObject({ note: text(2000) }).openapi('ImprovementNote');
export const optionalNoteSchema = z.strictObject({ note: z.string().trim().max(2000).optional() });
export const doneSchema = z.strictObject({ outcome: text(4000) }).openapi('ImprovementDone');
export const reassignSchema = z
  .strictObject({ ownerId: text(64), ownerEmail: z.email().optional(), reason: text(500) })
  .openapi('ImprovementReassign');
export const actionIdParamSchema = z.strictObject({
  actionId: z.string().regex(/^IA-[A-Z0-9-]{4,60}$/, 'an action id like IA-SR-20261123-0001-FU'),
});
export const listImprovementsQuerySchema = z.strictObject({
  owner: z.string().max(64).optional(),
  status: z.enum(IMPROVEMENT_STATUSES).optional(),
  source: z.enum(IMPROVEMENT_SOURCES).optional(),
  sourceRef: z.string().max(120).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  openedFrom: periodFrom.optional(),
  openedTo: periodTo.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
