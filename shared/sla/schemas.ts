/** SLA policies as data (R-SLA-1/2): the admin's DTO. */
import { text, z } from '../common/schemaParts';
import { REQUEST_KINDS } from '../serviceRequest/vocabulary';
import { CLOCK_NAMES } from './types';

const budgetMs = z
  .number()
  .int()
  .min(60_000)
  .max(90 * 86_400_000);
const clockBudgets = z.strictObject(
  Object.fromEntries(CLOCK_NAMES.map((n) => [n, budgetMs.optional()])) as Record<
    (typeof CLOCK_NAMES)[number],
    z.ZodOptional<typeof budgetMs>
  >,
);
type ByKind = Record<(typeof REQUEST_KINDS)[number], z.ZodOptional<typeof clockBudgets>>;
export const slaPolicySchema = z
  .strictObject({
    name: text(120),
    budgets: z.strictObject({ urgent: clockBudgets, important: clockBudgets, general: clockBudgets }).openapi({
      description: 'per urgency, the budget of each clock in ms (acknowledge, response, dispatch, arrival, resolution)',
    }),
    // A strict object, not a record: an unknown kind (or `__proto__`) is refused, never dropped.
    byKind: z
      .strictObject(Object.fromEntries(REQUEST_KINDS.map((k) => [k, clockBudgets.optional()])) as ByKind)
      .optional(),
    warnAtShare: z.number().gt(0).lt(1),
    managerEscalationDelayMs: budgetMs,
    offerAcceptanceMs: budgetMs,
    businessHours: z
      .strictObject({
        calendar: z.string().regex(/^[a-z0-9-]{2,40}$/, 'the key of a business calendar (GET /calendars)'),
        clocks: z.array(z.enum(CLOCK_NAMES)).min(1).max(CLOCK_NAMES.length),
      })
      .optional()
      .openapi({
        description:
          'R-SLA-6: these clocks count service hours on the calendar (a region or contract may name its own); the others elapsed time',
      }),
  })
  .openapi('SlaPolicy');
export const slaPolicyParamSchema = z.strictObject({
  key: z.string().regex(/^[a-z0-9-]{2,40}$/, 'lower-case letters, digits and -, 2 to 40 characters'),
});

export type SlaPolicyInput = z.infer<typeof slaPolicySchema>;
