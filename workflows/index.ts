/** The workflow bundle's entry point: every workflow type the worker runs. */
export { serviceRequest } from './serviceRequest/workflow';
export * from './fieldTrip/workflow';
export { iotFaultWatch } from './iot/faultWatch';
export { improvementAction } from './improvement/workflow';
export { complaint } from './complaint/workflow';
export { suggestion } from './suggestion/workflow';
export { maintenanceTick, maintenanceOccurrence } from './maintenance/workflow';
export { usageMeter } from './maintenance/usageMeter';
export { kpiMonth } from './kpi/month';
export { certificationReminders } from './dispatch/certificationReminders';
