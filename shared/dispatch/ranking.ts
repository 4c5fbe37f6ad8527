import type { EngineerCandidate } from '../serviceRequest/types';
import { certificationOn, type Certification } from './certification';

export interface EngineerProfile {
  engineerId: string;
  name: string;
  email?: string;
  active: boolean;
  regions: string[];
  skills: string[]; // product lines the engineer can repair
  certifications: Certification[]; // product lines the engineer is certified for, with their expiry
}

/**
 * R-DISPATCH-1: engineers who serve the region and have the product skill, best first: validly certified
 * before merely skilled, then the lighter current workload, then id for a stable order. R-CERT-1: where the
 * product line requires a certification, an engineer without a valid one is listed with the reason and
 * never offered the work.
 */
export function rankCandidates(
  engineers: EngineerProfile[],
  request: { region: string; productLine: string; certificationRequired?: boolean; day?: string },
  openRequestsByEngineer: Record<string, number>,
): EngineerCandidate[] {
  const day = request.day ?? '0000-01-01';
  return engineers
    .filter((e) => e.active && e.regions.includes(request.region) && e.skills.includes(request.productLine))
    .map((e) => {
      const openRequests = openRequestsByEngineer[e.engineerId] ?? 0;
      const cert = certificationOn(e.certifications, request.productLine, day);
      return {
        engineerId: e.engineerId,
        name: e.name,
        ...(e.email ? { email: e.email } : {}),
        openRequests,
        certified: cert.valid,
        ...(cert.valid && cert.validUntil ? { certifiedUntil: cert.validUntil } : {}),
        ...(!cert.valid && request.certificationRequired ? { notOffered: cert.reason } : {}),
        score: (cert.valid ? 100 : 50) - 10 * openRequests,
      };
    })
    .sort(
      (a, b) =>
        Number(!!a.notOffered) - Number(!!b.notOffered) ||
        b.score - a.score ||
        a.openRequests - b.openRequests ||
        a.engineerId.localeCompare(b.engineerId),
    );
}
