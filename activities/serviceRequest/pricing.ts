/** R-QUOTE-1: quotation lines priced from the price list in Mongo, covered or charged per entitlement. */
import { ApplicationFailure } from '@temporalio/activity';
import type { Coverage, QuoteLine } from '../../shared/quotation/types';
import type { Entitlement } from '../../shared/serviceRequest/vocabulary';
import type { Repositories } from '../../shared/storage/repositories';
import { kindOfCode, priceLines, type RequestedLine } from '../../shared/quotation/pricing';

export function createPricingActivities(repos: Repositories) {
  return {
    /** With `declineFee`, also the diagnosis fee (code DIAGNOSIS) the customer pays if they decline. */
    async priceQuotation({
      lines,
      entitlement,
      coverage,
      declineFee,
      warrantyCodes,
    }: {
      lines: RequestedLine[];
      entitlement: Entitlement;
      coverage?: Coverage;
      declineFee?: boolean;
      warrantyCodes?: string[];
    }): Promise<{
      lines: QuoteLine[];
      currency: string;
      totalMinor: number;
      coveredMinor: number;
      declineFee?: QuoteLine;
    }> {
      const codes = [...new Set([...lines.map((l) => l.code), ...(declineFee ? ['DIAGNOSIS'] : [])])];
      const docs = await repos.masterData.prices.getMany(codes); // one _id lookup each
      const prices = docs.map((d) => ({
        code: d.code,
        description: d.description ?? d.code,
        kind: (d.kind as QuoteLine['kind'] | undefined) ?? kindOfCode(d.code),
        unitPriceMinor: d.unitPriceMinor,
        currency: d.currency,
        ...(d.unit ? { unit: d.unit } : {}),
        ...(d.warrantyDays ? { warrantyDays: d.warrantyDays } : {}),
      }));
      const priced = priceLines(prices, lines, entitlement, coverage, warrantyCodes);
      const fee = declineFee
        ? priceLines(prices, [{ code: 'DIAGNOSIS', quantity: 1 }], entitlement, coverage).lines[0]
        : undefined;
      if (priced.unknown.length) {
        throw ApplicationFailure.create({
          type: 'NotFound',
          message: `not in the price list: ${priced.unknown.join(', ')}`,
          nonRetryable: true,
        });
      }
      if (priced.currencies.length > 1) {
        throw ApplicationFailure.create({
          type: 'NotFound',
          message: `one quotation, one currency: got ${priced.currencies.join(', ')}`,
          nonRetryable: true,
        });
      }
      const { unknown: _u, currencies: _c, ...quote } = priced;
      return { ...quote, ...(fee && fee.lineTotalMinor > 0 ? { declineFee: fee } : {}) };
    },
  };
}
