/** Every update and query of the fieldTrip workflow, defined once. */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../common/actor';
import type { TripView } from './types';
import type { Consumption, TripApproval, TripEnd, WriteOff } from './schemas';

export const getTripQuery = defineQuery<TripView>('getTrip');
export const approveRequisitionUpdate = defineUpdate<TripView, [Actor, TripApproval]>('approveRequisition');
export const departUpdate = defineUpdate<TripView, [Actor]>('depart');
export const attachRequestUpdate = defineUpdate<TripView, [Actor, { requestNo: string }]>('attachRequest');
export const detachRequestUpdate = defineUpdate<TripView, [Actor, { requestNo: string; reason: string }]>(
  'detachRequest',
);
export const recordConsumptionUpdate = defineUpdate<TripView, [Actor, Consumption]>('recordConsumption');
export const leavingRegionUpdate = defineUpdate<TripView, [Actor]>('leavingRegion');
export const endTripUpdate = defineUpdate<TripView, [Actor, TripEnd]>('endTrip');
export const writeOffUpdate = defineUpdate<TripView, [Actor, WriteOff]>('writeOff');
export const cancelTripUpdate = defineUpdate<TripView, [Actor, { reason: string }]>('cancelTrip');
/** From a service request that was cancelled: parts reserved for it go back (compensation, R-PARTS-4). */
export const requestCancelledSignal = defineSignal<[{ requestNo: string; reason: string }]>('requestCancelled');
/** From the warehouse or ERP: parts arrived at a warehouse; a requisition waiting for them tries again now. */
export const partsArrivedSignal =
  defineSignal<[{ warehouseId: string; partNos: string[]; messageId: string }]>('partsArrived');
