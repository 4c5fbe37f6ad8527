export { serviceRequest } from './serviceRequest';
export * from './fieldTrip';
