/** The desk each staff role lands on after signing in (`/app`). */
import type { Role } from '../../shared/common/actor';

export const HOME: Partial<Record<Role, string>> = {
  agent: '/app/agent',
  support: '/app/support',
  quality: '/app/quality',
  dispatcher: '/app/board',
  manager: '/app/dashboard',
  admin: '/app/admin',
  engineer: '/app/engineer',
};
