/**
 * Quotation and settlement arithmetic (R-QUOTE-1/5, R-INTAKE-6), pure and in integer minor units.
 * Imported by the workflow (settlement) and the pricing activity (quotations).
 */
import type { Coverage, LineKind, QuoteLine } from './types';
import type { Entitlement } from '../serviceRequest/vocabulary';

export interface PriceEntry {
  code: string;
  description: string;
  kind: LineKind;
  unit?: string;
  unitPriceMinor: number;
  currency: string;
  warrantyDays?: number;
}
export interface RequestedLine {
  code: string;
  quantity: number;
  description?: string;
}

/** The kind of a price list code when the entry does not say. */
export function kindOfCode(code: string): LineKind {
  if (code.startsWith('LABOUR-')) return 'labour';
  if (code === 'CALLOUT') return 'callout';
  if (code.startsWith('TRAVEL-')) return 'travel';
  if (code === 'DIAGNOSIS') return 'fee';
  return 'part';
}

/** In warranty everything is free; a contract covers what its terms say; paid work is charged. Fees are never covered. */
export function isCovered(kind: LineKind, entitlement: Entitlement, coverage: Coverage = {}): boolean {
  if (kind === 'fee') return false;
  if (entitlement === 'free') return true;
  if (entitlement === 'contract') return coverage[kind] === true;
  return false;
}

/**
 * Integer minor units × a whole or quarter quantity (labour hours): computed as price × (4 × qty) / 4
 * in integers, rounded half up to a whole minor unit only when a quarter hour gives a fraction.
 */
export function lineTotal(unitPriceMinor: number, quantity: number): number {
  const quarters = Math.round(quantity * 4);
  return Math.floor((unitPriceMinor * quarters + 2) / 4);
}

export function priceLines(
  prices: PriceEntry[],
  lines: RequestedLine[],
  entitlement: Entitlement,
  coverage?: Coverage,
  /** Codes under a warranty of their own (parts replaced by an earlier request whose fault came back). */
  warrantyCodes: string[] = [],
): {
  lines: QuoteLine[];
  currency: string;
  totalMinor: number;
  coveredMinor: number;
  unknown: string[];
  currencies: string[];
} {
  const byCode = new Map(prices.map((p) => [p.code, p]));
  const unknown = lines.filter((l) => !byCode.has(l.code)).map((l) => l.code);
  const merged = new Map<string, RequestedLine>();
  for (const l of lines) {
    const seen = merged.get(l.code);
    merged.set(l.code, seen ? { ...seen, quantity: seen.quantity + l.quantity } : { ...l });
  }
  const priced: QuoteLine[] = [...merged.values()]
    .filter((l) => byCode.has(l.code))
    .map((l) => {
      const p = byCode.get(l.code)!;
      const covered = isCovered(p.kind, entitlement, coverage) || warrantyCodes.includes(p.code);
      return {
        code: p.code,
        description: l.description || p.description,
        kind: p.kind,
        ...(p.unit ? { unit: p.unit } : {}),
        unitPriceMinor: p.unitPriceMinor,
        quantity: l.quantity,
        covered,
        lineTotalMinor: covered ? 0 : lineTotal(p.unitPriceMinor, l.quantity),
        ...(p.warrantyDays ? { warrantyDays: p.warrantyDays } : {}),
      };
    });
  const currencies = [...new Set(priced.map((l) => byCode.get(l.code)!.currency))];
  return {
    lines: priced,
    currency: currencies[0] ?? 'CNY',
    unknown,
    currencies,
    totalMinor: priced.reduce((sum, l) => sum + l.lineTotalMinor, 0),
    coveredMinor: priced.filter((l) => l.covered).reduce((sum, l) => sum + lineTotal(l.unitPriceMinor, l.quantity), 0),
  };
}

/**
 * R-QUOTE-5: what was used, priced as approved. A code the approved quotation does not have cannot be
 * settled: it needs a revised quotation first.
 */
export function settleAgainst(
  approved: QuoteLine[],
  used: RequestedLine[],
): { lines: QuoteLine[]; totalMinor: number; notApproved: string[] } {
  const byCode = new Map(approved.map((l) => [l.code, l]));
  const notApproved = used.filter((u) => !byCode.has(u.code)).map((u) => u.code);
  const lines = used
    .filter((u) => byCode.has(u.code))
    .map((u) => {
      const a = byCode.get(u.code)!;
      return { ...a, quantity: u.quantity, lineTotalMinor: a.covered ? 0 : lineTotal(a.unitPriceMinor, u.quantity) };
    });
  return { lines, totalMinor: lines.reduce((sum, l) => sum + l.lineTotalMinor, 0), notApproved };
}

/** Money as people read it: `CNY 395.00`. */
export const money = (minor: number, currency: string): string => `${currency} ${(minor / 100).toFixed(2)}`;
