/** Who does something: a role and an id. Sandbox-safe (imported by workflows). */
/**
 * support = the technical department, which answers engineers' requests for help (R-VISIT-5);
 * quality = quality staff, who verify improvement actions and handle complaints with the manager;
 * manager = the service-centre supervisor (用服中心主管), who watches the KPIs and the quality loop.
 */
export const ROLES = [
  'agent',
  'dispatcher',
  'engineer',
  'customer',
  'service',
  'support',
  'quality',
  'manager',
  'admin',
] as const;
/** The roles a staff account can have (customers use signed links, other systems service tokens). */
export const STAFF_ROLES = ['agent', 'dispatcher', 'engineer', 'support', 'quality', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export interface Actor {
  role: Role;
  id: string;
  /** A step done offline on the engineer's device: when, corrected by the device's clock offset. */
  doneAt?: string;
  /** How far the device's clock was off when it sent the step (only when over the flag's limit). */
  clockSkewMs?: number;
}
