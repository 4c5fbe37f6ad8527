/**
 * Maintenance by usage (R-ASSET-2): which threshold of a plan's counter a reading has reached, and the
 * next one. Pure arithmetic, sandbox-safe: the usage meter workflow and the pages use the same rule.
 */
import type { UsageRule } from './types';

/** The highest threshold `from + k × every` (k ≥ 1) that this reading opens, or undefined. */
export function thresholdReached(rule: UsageRule, value: number): number | undefined {
  const k = Math.floor((value + rule.openBefore - rule.from) / rule.every);
  return k >= 1 ? rule.from + k * rule.every : undefined;
}

/** The next threshold after this reading: the counter value at which the next occurrence falls due. */
export function nextThreshold(rule: UsageRule, value: number): number {
  const reached = thresholdReached(rule, value);
  return (reached ?? rule.from) + rule.every;
}

/** Counter names as monitoring systems send them. */
export const COUNTER_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
