/** Who does something: a role and an id. Sandbox-safe (imported by workflows). */
/**
 * support = the technical department, which answers engineers' requests for help (R-VISIT-5);
 * quality = quality staff, who verify improvement actions and handle complaints with the manager.
 */
export const ROLES = ['agent', 'dispatcher', 'engineer', 'customer', 'service', 'support', 'quality', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export interface Actor {
  role: Role;
  id: string;
}
