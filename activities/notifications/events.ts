/**
 * Queues a request's events for every subscription that wants them (R-INTEGRATE-3); an event nobody
 * subscribed to is not stored (a subscription receives events from its creation on). Each event is
 * keyed by workflow + step + type and each delivery by subscription + event: a retried publish queues
 * nothing twice, so a subscriber never receives one event twice from a retried activity.
 */
import type { RequestEvent } from '../../shared/serviceRequest/events';
import type { Repositories } from '../../shared/storage/repositories';

export function createEventQueue(repos: Repositories) {
  const { notifications } = repos;
  return async function queueEvents(
    /** The process the events are about: its key (request number or trip id) also orders its deliveries. */
    ref: { requestNo: string; workflowId: string; status: string; field?: 'requestNo' | 'tripId' },
    events: RequestEvent[],
  ): Promise<void> {
    if (events.length === 0) return;
    const docs = events.map((e) => ({
      _id: `${ref.workflowId}/${e.seq}/${e.type}`,
      type: e.type,
      requestNo: ref.requestNo,
      seq: e.seq,
      at: e.at,
      data: {
        [ref.field ?? 'requestNo']: ref.requestNo,
        status: ref.status,
        ...(e.detail ? { detail: e.detail } : {}),
      },
    }));
    const subscriptions = await notifications.activeSubscriptions();
    const deliveries = subscriptions.flatMap((sub) =>
      docs
        .filter((d) => !sub.eventTypes?.length || sub.eventTypes.includes(d.type))
        .map((d) => ({
          _id: `${sub._id}|${d._id}`,
          subscriptionId: sub._id,
          eventId: d._id,
          requestNo: ref.requestNo,
          seq: d.seq,
          status: 'pending',
        })),
    );
    if (deliveries.length === 0) return; // nobody wants these: a subscription sees events from its creation on
    // The events first: a delivery the dispatcher picks up always finds its event.
    const wanted = new Set(deliveries.map((d) => d.eventId));
    await notifications.events.addEach(docs.filter((d) => wanted.has(d._id)));
    await notifications.deliveries.addEach(deliveries); // a retried publish: those already queued stay as they are
  };
}
