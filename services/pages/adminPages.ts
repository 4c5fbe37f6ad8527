/**
 * The administrator's pages beyond accounts and the outbox: master data by kind (paged, with versions),
 * SLA and service policies, and webhooks and service tokens. Pages only read; the forms call the API.
 */
import type { Router } from 'express';
import { SERVICE_POLICY_KEY } from '../../activities/serviceRequest/intake';
import { MASTER_DATA_KINDS, type MasterDataKind } from '../../shared/masterData/schemas';
import { slaPolicyOf } from '../../shared/sla/policy';
import { MasterData } from '../../shared/storage/masterData';
import { MasterDataError } from '../../shared/storage/masterDataRules';
import type { Models } from '../../shared/storage/models';
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

const versionsOf = async (models: Models, key: string, version: number, of: 'sla' | 'service') => {
  const ids = Array.from({ length: version }, (_, i) => `${key}@${i + 1}`);
  const model = (of === 'sla' ? models.SlaPolicyVersion : models.PolicyVersion) as typeof models.PolicyVersion;
  const rows = (await model.find({ _id: { $in: ids } }, { version: 1, changedBy: 1, createdAt: 1 }).lean()) as {
    version: number;
    changedBy?: string;
    createdAt?: Date;
  }[];
  return rows.sort((a, b) => a.version - b.version).map((r) => ({ ...r, at: r.createdAt }));
};

export function mountAdminPages(router: Router, models: Models): void {
  const data = new MasterData(models);
  const admin = (req: Parameters<typeof staffOf>[1]) => staffOf(models, req, ['admin']);

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
        const [slas, service] = await Promise.all([
          models.SlaPolicy.find({}).sort({ _id: 1 }).limit(100).lean(),
          models.Policy.findById(SERVICE_POLICY_KEY).lean(),
        ]);
        const sla = await Promise.all(
          slas.map(async (p) => ({
            policy: slaPolicyOf(p),
            versions: await versionsOf(models, String(p._id), p.version, 'sla'),
          })),
        );
        const withVersions = service
          ? { ...service, versions: await versionsOf(models, SERVICE_POLICY_KEY, service.version, 'service') }
          : null;
        return { body: policiesPage(lang, sla, withVersions), who: caller.id };
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
          models.WebhookSubscription.find({}, { secret: 0 }).sort({ createdAt: -1 }).limit(200).lean(),
          models.ServiceToken.find({}).sort({ createdAt: -1 }).limit(200).lean(),
        ]);
        return {
          body: integrationsPage(lang, hooks as WebhookLine[], tokens as TokenLine[], new Date()),
          who: caller.id,
        };
      },
    ),
  );
}
