/** R-CERT-1: whether an engineer may do a request's work, judged on the product line of its unit. */
import { certificationOn, type Certification } from '../../shared/dispatch/certification';
import type { ServiceRequestView } from '../../shared/serviceRequest/types';
import type { Repositories } from '../../shared/storage/repositories';

const today = () => new Date().toISOString().slice(0, 10);

/** Why the engineer may not do this request's work (its product line requires a valid certification), if so. */
export function certificationCheck(
  masterData: Repositories['masterData'],
  stateOf: (requestNo: string) => Promise<ServiceRequestView>,
) {
  return async function uncertifiedFor(requestNo: string, engineer: { certifications?: unknown[] }) {
    const productLine = (await stateOf(requestNo)).unit?.productLine;
    const line = productLine ? await masterData.productLines.get(productLine) : null;
    if (!line?.certificationRequired) return undefined;
    const cert = certificationOn((engineer.certifications ?? []) as Certification[], line._id, today());
    return cert.valid ? undefined : cert.reason;
  };
}
