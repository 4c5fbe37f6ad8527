/**
 * Photos and documents attached to a request (issue: the engineer in the field, item 3). The services
 * check and store the bytes; the request records what was attached, on which visit, by whom, within its
 * bounds. The same file twice (same hash) is one attachment: a retried upload records nothing new.
 */
import type { Actor } from '../../shared/common/actor';
import { notAllowed } from '../../shared/common/failures';
import { ATTACHMENT_BYTES_PER_REQUEST, type NewAttachment } from '../../shared/serviceRequest/attachments';
import { requireRoom } from './limits';
import type { RequestState } from './request';

const ENDED = ['closed', 'cancelled', 'aborted'];

export function checkAddAttachment(req: RequestState, actor: Actor, a: NewAttachment): void {
  // The engineer on the job, the customer by their link, and the office (a delivery note, a test report).
  req.requireAssignedEngineerOr(actor, 'customer', 'agent', 'dispatcher', 'support', 'quality');
  const list = req.view.attachments ?? [];
  // Already attached: a retry (or a device's queue sent again after the request closed) is answered, nothing recorded.
  if (list.some((x) => x.id === a.id)) return;
  if (ENDED.includes(req.status))
    throw notAllowed(`request ${req.view.requestNo} is ${req.status}: nothing more can be attached`);
  requireRoom(req.view.requestNo, 'attachments', list.length);
  const used = list.reduce((sum, x) => sum + x.bytes, 0);
  if (used + a.bytes > ATTACHMENT_BYTES_PER_REQUEST)
    throw notAllowed(
      `request ${req.view.requestNo} holds ${Math.round(used / 1024 / 1024)} MB of attachments; ` +
        `${Math.round(a.bytes / 1024 / 1024)} MB more would pass its ${ATTACHMENT_BYTES_PER_REQUEST / 1024 / 1024} MB (limit: attachmentBytes)`,
    );
}

export function applyAddAttachment(req: RequestState, actor: Actor, a: NewAttachment): void {
  const list = (req.view.attachments ??= []);
  if (list.some((x) => x.id === a.id)) return;
  const visit = req.view.visits?.length || undefined;
  list.push({ ...a, ...(visit ? { visit } : {}), at: req.now().toISOString(), by: actor.id });
  req.record(actor, 'attachment_added', {
    id: a.id,
    kind: a.kind,
    name: a.name,
    mediaType: a.mediaType,
    bytes: a.bytes,
  });
}
