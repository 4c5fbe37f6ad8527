/**
 * The administrator's pages beyond accounts and the outbox: master data by kind (paged, with versions),
 * SLA and service policies, and webhooks and service tokens. Pages only read; the forms call the API.
 */
import type { Router } from 'express';
import { SERVICE_POLICY_KEY } from '../../activities/serviceRequest/intake';
import { MASTER_DATA_KINDS, type MasterDataKind } from '../../shared/masterData/schemas';
import { calendarOf, slaPolicyOf } from '../../shared/sla/policy';
import { MasterDataError } from '../../shared/storage/masterDataRules';
import type { Repositories } from '../../shared/storage/repositories';
import { HttpError } from '../http/errors';
import { t } from './i18n';
import { integrationsPage, type TokenLine, type WebhookLine } from './integrationsPage';
import { masterDataList, masterDataRecord, PAGE_SIZE } from './masterDataPages';
import { render, staffOf } from './pageKit';
import { policiesPage } from './policyPages';

function kindOf(raw: string): MasterDataKind {
  if (!(MASTER_DATA_KINDS as string[]).includes(raw))
    throw new HttpError(404, `no master data kind ${raw}: one of ${MASTER_DATA_KINDS.join(', ')}`);
  return raw as MasterDataKind;
}

/** A policy's versions, oldest first, with who changed it and when. */
const versionsOf = async (repos: Repositories, key: string, version: number, of: 'sla' | 'service') => {
  const rows = (await (of === 'sla' ? repos.slaPolicies : repos.servicePolicy).versionsOf(key, version)) as {
    version: number;
    changedBy?: string;
    createdAt?: Date;
  }[];
  return rows
    .sort((a, b) => a.version - b.version)
    .map((r) => ({ version: r.version, changedBy: r.changedBy, createdAt: r.createdAt, at: r.createdAt }));
};

export function mountAdminPages(router: Router, repos: Repositories): void {
  const data = repos.masterData.admin;
  const admin = (req: Parameters<typeof staffOf>[1]) => staffOf(repos.accounts, req, ['admin']);

  router.get(
    '/app/admin/data/:kind',
    render(
      (lang) => t(lang, 'masterData'),
      async (req, lang) => {
        const caller = await admin(req);
        const kind = kindOf(String(req.params.kind));
        const active = req.query.active === 'true' || req.query.active === 'false' ? req.query.active : '';
        const offset = Math.min(Math.max(0, Number(req.query.offset) || 0), 1_000_000);
        const page = await data.list(kind, {
          active: active ? active === 'true' : undefined,
          limit: PAGE_SIZE,
          offset,
        });
        return { body: masterDataList(lang, kind, page, active), who: caller.id };
      },
    ),
  );

  router.get(
    '/app/admin/data/:kind/:id',
    render(
      (lang) => t(lang, 'masterData'),
      async (req, lang) => {
        const caller = await admin(req);
        const kind = kindOf(String(req.params.kind));
        try {
          const id = String(req.params.id);
          const [doc, versions] = await Promise.all([data.get(kind, id), data.versions(kind, id)]);
          return { body: masterDataRecord(lang, kind, doc, versions), who: caller.id };
        } catch (err) {
          if (err instanceof MasterDataError) throw new HttpError(err.status, err.message);
          throw err;
        }
      },
    ),
  );

  router.get(
    '/app/admin/policies',
    render(
      (lang) => `${t(lang, 'slaPolicies')} · ${t(lang, 'servicePolicy')}`,
      async (req, lang) => {
        const caller = await admin(req);
        const [slas, service, calendars] = await Promise.all([
          repos.slaPolicies.all(100),
          repos.servicePolicy.policies.get(SERVICE_POLICY_KEY),
          repos.calendars.all(100),
        ]);
        const sla = await Promise.all(
          slas.map(async (p) => ({
            policy: slaPolicyOf(p),
            versions: await versionsOf(repos, String(p._id), p.version, 'sla'),
          })),
        );
        const withVersions = service
          ? { ...service, versions: await versionsOf(repos, SERVICE_POLICY_KEY, service.version, 'service') }
          : null;
        const cals = calendars.map((c) => ({ calendar: calendarOf(c), versions: c.version }));
        return { body: policiesPage(lang, sla, withVersions, cals), who: caller.id };
      },
    ),
  );

  router.get(
    '/app/admin/integrations',
    render(
      (lang) => `${t(lang, 'webhooks')} · ${t(lang, 'serviceTokens')}`,
      async (req, lang) => {
        const caller = await admin(req);
        const [hooks, tokens] = await Promise.all([
          repos.notifications.allSubscriptions(200, -1),
          repos.accounts.latestTokens(200),
        ]);
        return {
          body: integrationsPage(lang, hooks as WebhookLine[], tokens as TokenLine[], new Date()),
          who: caller.id,
        };
      },
    ),
  );
}
