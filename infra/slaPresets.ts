/** The SLA policy presets the demo world starts with (R-SLA-1..3). */
const HOUR = 3_600_000;
const MIN = 60_000;

/**
 * SLA presets from the source documents (R-SLA-1..3). Resolution budgets are ours: the documents set
 * none; change them per policy. Every budget is data: PUT /api/v1/sla-policies/{key} makes a new version.
 */
export const SLA_PRESETS = [
  {
    key: 'general',
    version: 1,
    name: 'General products (003 §2.2.1)',
    budgets: {
      urgent: { dispatch: 30 * MIN, arrival: 2 * HOUR, resolution: 24 * HOUR },
      important: { dispatch: 2 * HOUR, arrival: 4 * HOUR, resolution: 48 * HOUR },
      general: { dispatch: 4 * HOUR, arrival: 24 * HOUR, resolution: 5 * 24 * HOUR },
    },
    byKind: { complaint: { acknowledge: HOUR, response: 24 * HOUR } }, // 004 §3(1)
    warnAtShare: 0.75,
    managerEscalationDelayMs: 2 * HOUR,
    offerAcceptanceMs: 15 * MIN,
  },
  {
    key: 'power',
    version: 1,
    name: 'Power equipment: reply within 24 h (001 §5.2.1)',
    budgets: {
      urgent: { response: 24 * HOUR, resolution: 72 * HOUR },
      important: { response: 24 * HOUR, resolution: 5 * 24 * HOUR },
      general: { response: 24 * HOUR, resolution: 10 * 24 * HOUR },
    },
    byKind: { complaint: { acknowledge: HOUR, response: 24 * HOUR } },
    warnAtShare: 0.75,
    managerEscalationDelayMs: 4 * HOUR,
    offerAcceptanceMs: 30 * MIN,
  },
  {
    key: 'wind',
    version: 1,
    name: 'Wind farms: processing within 24 h, on site within 48 h (004 §2(2))',
    budgets: {
      urgent: { dispatch: 24 * HOUR, arrival: 48 * HOUR, resolution: 7 * 24 * HOUR },
      important: { dispatch: 24 * HOUR, arrival: 48 * HOUR, resolution: 7 * 24 * HOUR },
      general: { dispatch: 24 * HOUR, arrival: 48 * HOUR, resolution: 14 * 24 * HOUR },
    },
    byKind: { complaint: { acknowledge: HOUR, response: 24 * HOUR } },
    warnAtShare: 0.75,
    managerEscalationDelayMs: 4 * HOUR,
    offerAcceptanceMs: 60 * MIN,
  },
  {
    // R-SLA-6: a contract's office-hours service; no product line uses it until an admin or a contract names it.
    key: 'office-hours',
    version: 1,
    name: 'Office hours: the clocks count service hours on the business calendar',
    budgets: {
      urgent: { dispatch: HOUR, arrival: 4 * HOUR, resolution: 16 * HOUR },
      important: { dispatch: 2 * HOUR, arrival: 8 * HOUR, resolution: 24 * HOUR },
      general: { dispatch: 4 * HOUR, arrival: 16 * HOUR, resolution: 40 * HOUR },
    },
    byKind: { complaint: { acknowledge: HOUR, response: 8 * HOUR } },
    warnAtShare: 0.75,
    managerEscalationDelayMs: 2 * HOUR,
    offerAcceptanceMs: 15 * MIN,
    businessHours: {
      calendar: 'cn-workweek',
      clocks: ['acknowledge', 'response', 'dispatch', 'arrival', 'resolution'],
    },
  },
];
