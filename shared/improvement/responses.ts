/** What the improvement-action endpoints answer (OpenAPI). */
import { z } from '../common/schemaParts';
import { IMPROVEMENT_STATUSES } from './types';

export const improvementAnswerSchema = z
  .object({ actionId: z.string(), status: z.enum(IMPROVEMENT_STATUSES), seq: z.number().int() })
  .openapi('ImprovementAnswer');
export const improvementOpenedSchema = z
  .object({
    actionId: z.string(),
    workflowId: z.string(),
    status: z.enum(IMPROVEMENT_STATUSES),
    dueAt: z.string(),
  })
  .openapi('ImprovementOpened');
const row = z.looseObject({ actionId: z.string().optional(), status: z.string(), ownerId: z.string().optional() });
export const improvementListSchema = z
  .object({ items: z.array(row), total: z.number().int(), limit: z.number().int(), offset: z.number().int() })
  .openapi('ImprovementList');
export const improvementViewSchema = z
  .looseObject({ actionId: z.string(), status: z.string(), history: z.array(z.looseObject({ action: z.string() })) })
  .openapi('Improvement');
