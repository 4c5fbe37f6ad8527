import type { EngineerCandidate } from '../serviceRequest/types';

export interface EngineerProfile {
  engineerId: string;
  name: string;
  email?: string;
  active: boolean;
  regions: string[];
  skills: string[]; // product lines the engineer can repair
  certifications: string[]; // product lines the engineer is certified for
}

/**
 * R-DISPATCH-1: engineers who serve the region and have the product skill, best first:
 * certified before merely skilled, then the lighter current workload, then id for a stable order.
 */
export function rankCandidates(
  engineers: EngineerProfile[],
  request: { region: string; productLine: string },
  openRequestsByEngineer: Record<string, number>,
): EngineerCandidate[] {
  return engineers
    .filter((e) => e.active && e.regions.includes(request.region) && e.skills.includes(request.productLine))
    .map((e) => {
      const openRequests = openRequestsByEngineer[e.engineerId] ?? 0;
      const certified = e.certifications.includes(request.productLine);
      return {
        engineerId: e.engineerId,
        name: e.name,
        ...(e.email ? { email: e.email } : {}),
        openRequests,
        certified,
        score: (certified ? 100 : 50) - 10 * openRequests,
      };
    })
    .sort((a, b) => b.score - a.score || a.openRequests - b.openRequests || a.engineerId.localeCompare(b.engineerId));
}
