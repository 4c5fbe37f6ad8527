/** What every process records (R-RECORD-1) and the messages it queues (R-INTEGRATE-4). Sandbox-safe. */
import type { Actor } from './actor';

export interface HistoryEntry {
  seq: number;
  at: string;
  actor: Actor;
  action: string;
  detail?: Record<string, unknown>;
  /** A step done offline: when the server recorded it; `at` is the device's time, bounded (docs/offline.md). */
  recordedAt?: string;
  clockSkewMs?: number;
  clockAdjusted?: boolean;
}

export interface Notification {
  key: string;
  to: 'customer' | 'engineer' | 'supervisor' | 'manager' | 'agent' | 'technical';
  engineerId?: string;
  /** Resolved by the workflow from its context when it knows it; otherwise looked up when queued. */
  address?: string;
  template: string;
  subject: string;
  body: string;
}
