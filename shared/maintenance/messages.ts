/** The usage meter's messages (R-ASSET-2), sandbox-safe: readings arrive by update-with-start, one at a time. */
import { defineQuery, defineUpdate } from '@temporalio/workflow';

export interface UsageReadingMessage {
  value: number;
  observedAt: string;
}
export interface UsageAnswer {
  value: number;
  /** The counter over the unit's life (the reading plus what the meter showed before each reset). */
  lifetime?: number;
  /** The counter's highest reading so far (this one, unless it came late). */
  highest: number;
  /** A reading older than the last one, with a lower value: recorded as late, it opens nothing. */
  late?: true;
  opened: { planId: string; threshold: number; occurrenceId: string }[];
  skipped: string[];
}
export interface MeterState {
  serialNumber: string;
  counter: string;
  highest?: number;
  observedAt?: string;
  readings: number;
  /** Added to each reading since the last reset (R-ASSET-2): the plans count the counter over the unit's life. */
  offset?: number;
  resets?: { at: string; from: number; to: number; reason: string; by: string }[];
}
/** A meter replaced or reset: its next readings start again from `value` (default 0). */
export interface MeterReset {
  value: number;
  reason: string;
  by: string;
  at: string;
}
export const reportUsageUpdate = defineUpdate<UsageAnswer, [UsageReadingMessage]>('reportUsage');
export const meterQuery = defineQuery<MeterState>('meter');
export const resetMeterUpdate = defineUpdate<MeterState, [MeterReset]>('resetMeter');
