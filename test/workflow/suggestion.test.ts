/**
 * Suggestions (R-TRIAGE-3, 001 §5.1.1 建议) with time skipping: recorded centrally, reviewed by quality within
 * the policy's days (past them the supervisor is told, once), the customer hears the answer, and an adopted
 * one opens the improvement action that carries it out.
 */
import type { Actor } from '../../shared/common/actor';
import { improvementWorkflowId } from '../../shared/improvement/ids';
import { DEFAULT_TARGETS, emptySums, kpisOf } from '../../shared/kpi/facts';
import { getKpiMonthQuery, kpiMonthWorkflowId } from '../../shared/kpi/messages';
import { getImprovementQuery } from '../../shared/improvement/messages';
import { suggestionWorkflowId } from '../../shared/suggestion/ids';
import * as m from '../../shared/suggestion/messages';
import type { suggestion } from '../../workflows';
import { recordFixture } from '../setup/fixtures';
import { agent, causeOf, createHarness, HOUR, outboxOf, type Harness } from '../setup/workflowHarness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('test-suggestion');
}, 120_000);
afterAll(async () => h?.teardown());

const quality: Actor = { role: 'quality', id: 'qa-1' };
let n = 0;
const start = () => {
  const suggestionNo = `SG-20261203-${String(++n).padStart(4, '0')}`;
  return h.env.client.workflow.start<typeof suggestion>('suggestion', {
    taskQueue: 'test-suggestion',
    workflowId: suggestionWorkflowId(suggestionNo),
    args: [
      {
        suggestionNo,
        intake: { customerId: 'CUST-001', channel: 'hotline', topic: 'service', text: 'send the visit window by SMS' },
        receivedBy: agent,
      },
    ],
  });
};
const actions = (v: { history: { action: string }[] }) => v.history.map((e) => e.action);
async function sent(no: string, what: string): Promise<string[]> {
  for (let i = 0; i < 100 && !(await outboxOf(h.models, no)).includes(what); i++)
    await new Promise((r) => setTimeout(r, 100));
  return outboxOf(h.models, no);
}

describe('suggestions (time skipping)', () => {
  it('R-TRIAGE-3 an adopted suggestion opens its improvement action and the customer is told', async () => {
    const handle = await start();
    const v = await handle.query(m.getSuggestionQuery);
    expect(v).toMatchObject({ status: 'awaiting_review', customerName: expect.any(String) });
    expect(Date.parse(v.reviewDueAt!) - Date.parse(v.receivedAt)).toBe(7 * 24 * HOUR);
    await expect(
      causeOf(handle.executeUpdate(m.reviewSuggestionUpdate, { args: [agent, { decision: 'noted', response: 'x' }] })),
    ).resolves.toMatchObject({ type: 'Forbidden' });

    const answer = await handle.executeUpdate(m.reviewSuggestionUpdate, {
      args: [
        quality,
        {
          decision: 'adopted',
          response: 'visit windows go out by SMS from next month',
          improvement: { title: 'Send visit windows by SMS', ownerId: 'disp-1', dueInDays: 30 },
        },
      ],
    });
    expect(answer).toMatchObject({ status: 'adopted', improvementActionId: `IA-${v.suggestionNo}-SG` });
    const action = await h.env.client.workflow
      .getHandle(improvementWorkflowId(answer.improvementActionId!))
      .query(getImprovementQuery);
    expect(action).toMatchObject({ source: 'suggestion', sourceRef: v.suggestionNo, owner: { id: 'disp-1' } });
    // Reviewed once: the workflow ends with the review (a second one over HTTP is a 409, suggestions.test.ts).
    expect(await handle.result()).toEqual({ suggestionNo: v.suggestionNo, status: 'adopted' });
    expect(await sent(v.suggestionNo, 'customer:suggestion_reviewed')).toEqual(
      expect.arrayContaining(['customer:suggestion_received', 'customer:suggestion_reviewed']),
    );
    await recordFixture('suggestion-adopted.history.b64', handle.fetchHistory());
  });

  it('R-TRIAGE-3 a suggestion not reviewed in seven days is escalated to the supervisor once, then still reviewed', async () => {
    const handle = await start();
    await h.env.sleep(7 * 24 * HOUR + HOUR);
    const late = await handle.query(m.getSuggestionQuery);
    expect(late.reviewOverdueAt).toBeDefined();
    expect(actions(late).filter((a) => a === 'review_overdue')).toHaveLength(1);
    expect(await sent(late.suggestionNo, 'supervisor:suggestion_review_overdue')).toContain(
      'supervisor:suggestion_review_overdue',
    );
    await h.env.sleep(7 * 24 * HOUR);
    expect(actions(await handle.query(m.getSuggestionQuery)).filter((a) => a === 'review_overdue')).toHaveLength(1);
    await handle.executeUpdate(m.reviewSuggestionUpdate, {
      args: [quality, { decision: 'declined', response: 'SMS is not offered in this region' }],
    });
    expect((await handle.result()).status).toBe('declined');
  });

  it('R-TRIAGE-3 R-RECORD-3 a suggestion is counted in its month’s KPIs when received and when reviewed', async () => {
    const month = new Date(await h.env.currentTimeMs()).toISOString().slice(0, 7);
    const kpis = h.env.client.workflow.getHandle(kpiMonthWorkflowId(month));
    const counts = async () => {
      const sums = await kpis.query(getKpiMonthQuery).catch(() => undefined);
      return { all: { ...emptySums(), ...sums?.all }, east: { ...emptySums(), ...sums?.byRegion.east } };
    };
    const before = await counts();
    const handle = await start();
    const no = (await handle.query(m.getSuggestionQuery)).suggestionNo;
    const until = async (what: (c: Awaited<ReturnType<typeof counts>>) => boolean) => {
      for (let i = 0; i < 100 && !what(await counts()); i++) await new Promise((r) => setTimeout(r, 100));
      return counts();
    };
    const received = await until((c) => c.all.suggestions > before.all.suggestions);
    expect(received.all).toMatchObject({
      suggestions: before.all.suggestions + 1,
      suggestionsReviewed: 0 + before.all.suggestionsReviewed,
    });
    expect(received.east.suggestions).toBe(before.east.suggestions + 1); // CUST-001's region

    await handle.executeUpdate(m.reviewSuggestionUpdate, { args: [quality, { decision: 'adopted', response: 'yes' }] });
    await handle.result();
    const reviewed = await until((c) => c.all.suggestionsReviewed > before.all.suggestionsReviewed);
    expect(reviewed.all).toMatchObject({
      suggestions: before.all.suggestions + 1,
      suggestionsReviewed: before.all.suggestionsReviewed + 1,
      suggestionsAdopted: before.all.suggestionsAdopted + 1,
    });
    expect(kpisOf(reviewed.all, DEFAULT_TARGETS).suggestions).toEqual({
      received: reviewed.all.suggestions,
      reviewed: reviewed.all.suggestionsReviewed,
      adopted: reviewed.all.suggestionsAdopted,
    });
    expect(no).toMatch(/^SG-/);
    await recordFixture('suggestion-counted.history.b64', handle.fetchHistory());
  });
});
