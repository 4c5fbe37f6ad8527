/** What the Temporal UI shows of a request that never changes (R-INTEGRATE-1). */
import type { IntakeInput } from './schemas';

/** The request's fixed facts for the Temporal UI (Markdown): unit, fault, contact, channel. */
export function staticDetailsOf(
  body: IntakeInput,
  unit: { serialNumber: string; model: string; productLine: string; warrantyEnd: string },
): string {
  return [
    `**unit** ${unit.serialNumber} · ${unit.model} (${unit.productLine}) · warranty until ${unit.warrantyEnd}`,
    `**fault** ${body.fault.symptoms}${body.fault.faultClass ? ` (${body.fault.faultClass})` : ''}`,
    `**site** ${body.siteAddress} · contact ${body.contactName}, ${body.contactPhone}`,
    `**received** by ${body.channel}${body.remoteGuidanceFirst ? ' · remote guidance first' : ''}`,
  ].join('\n\n');
}
