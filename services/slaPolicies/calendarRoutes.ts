/**
 * Business calendars as data (R-SLA-6): list, read with every version, and publish a new version. A
 * running request keeps the calendar version it started with; new requests count on the new one.
 */
import { z } from '../../shared/common/schemaParts';
import * as s from '../../shared/sla/calendarSchemas';
import { calendarOf } from '../../shared/sla/policy';
import type { Repositories } from '../../shared/storage/repositories';
import { route, type Route } from '../http/routes';
import { publishVersion, withVersions } from './versions';

const calendarViewSchema = z
  .looseObject({ key: z.string(), version: z.number().int(), name: z.string(), timeZone: z.string() })
  .openapi('BusinessCalendarVersion');
const calendarListSchema = z.object({ items: z.array(calendarViewSchema) }).openapi('BusinessCalendarList');
const calendarWithVersionsSchema = calendarViewSchema
  .extend({ versions: z.array(z.looseObject({ version: z.number().int() })) })
  .openapi('BusinessCalendarWithVersions');

const READERS = ['agent', 'dispatcher', 'manager', 'admin', 'service'] as const;

export function calendarRoutes(deps: { repos: Repositories }): Route<any>[] {
  const { calendars, versions, versionsOf, all } = deps.repos.calendars;
  const store = { current: calendars, versions, versionsOf };
  return [
    route({
      method: 'get',
      path: '/calendars',
      response: calendarListSchema,
      summary: 'List the business calendars (service hours, holidays, make-up working days)',
      roles: [...READERS],
      handler: async () => ({ items: (await all()).map(calendarOf) }),
    }),
    route({
      method: 'get',
      path: '/calendars/:key',
      response: calendarWithVersionsSchema,
      summary: 'Get a business calendar with its earlier versions',
      roles: [...READERS],
      params: s.calendarParamSchema,
      handler: async ({ params }) => {
        const { current, versions } = await withVersions(store, 'business calendar', params.key);
        return { ...calendarOf(current), versions };
      },
    }),
    route<s.CalendarInput>({
      method: 'put',
      path: '/calendars/:key',
      response: calendarViewSchema,
      summary: 'Publish a new version of a business calendar (new requests only)',
      roles: ['admin'],
      params: s.calendarParamSchema,
      body: s.calendarSchema,
      handler: async ({ caller, params, body }) => {
        const doc = await publishVersion(store, 'business calendar', params.key, body, caller.id);
        return calendarOf(doc);
      },
    }),
  ];
}
