/**
 * Two more of the seeds' forms (003 §4), drawn from the request's state like the others: the service
 * registration form (售后服务受理登记表, template 1: customer, product, fault, expected resolution) and the
 * customer satisfaction survey (客户满意度调查表, template 5: the follow-up call's scores and words).
 */
import { fields, formatTime, heading, newDocument, table, toBuffer } from './pdf';
import type { FormInput } from './forms';

const URGENCY: Record<string, string> = { urgent: '紧急 urgent', important: '重要 important', general: '一般 general' };

export async function serviceRegistration({ view: v }: FormInput): Promise<Buffer> {
  const doc = newDocument('售后服务受理登记表 Service registration form', v.requestNo);
  fields(doc, [
    ['受理时间 Received', formatTime(v.receivedAt)],
    ['受理人 Received by', `${v.receivedBy.role} ${v.receivedBy.id}`],
    ['渠道 Channel', v.intake.channel],
    ['紧急程度 Urgency', URGENCY[v.intake.urgency] ?? v.intake.urgency],
    ['服务类型 Entitlement', v.entitlement ?? null],
  ]);
  heading(doc, '客户信息 Customer');
  fields(doc, [
    ['客户 Customer', v.customerName ?? v.intake.customerId],
    ['联系人 Contact', v.intake.contactName],
    ['电话 Phone', v.intake.contactPhone],
    ['地址 Address', v.intake.siteAddress],
  ]);
  heading(doc, '产品信息 Product');
  fields(doc, [
    ['型号 Model', v.unit?.model ?? null],
    ['序列号 Serial number', v.unit?.serialNumber ?? v.intake.serialNumber],
    ['购买日期 Purchased', v.unit?.purchaseDate ?? null],
    ['保修截止 Warranty until', v.unit?.warrantyEnd ?? null],
  ]);
  heading(doc, '故障描述 Fault');
  fields(doc, [
    ['现象 Symptoms', v.intake.fault.symptoms],
    ['发生时间 Since', v.intake.fault.startedAt ? formatTime(v.intake.fault.startedAt) : null],
    ['使用环境 Environment', v.intake.fault.environment ?? null],
    ['客户自查 Self-checks', selfChecks(v.intake.selfChecks)],
    [
      '期望解决时间 Expected resolution by',
      v.intake.expectedResolutionBy ? formatTime(v.intake.expectedResolutionBy) : null,
    ],
  ]);
  return toBuffer(doc);
}

const selfChecks = (c: FormInput['view']['intake']['selfChecks']) =>
  [
    `电源 power ${c.powerChecked ? '✓' : '✗'}`,
    `阀门 valves ${c.valvesChecked ? '✓' : '✗'}`,
    ...(c.notes ? [c.notes] : []),
  ].join(' · ');

export async function satisfactionSurvey({ view: v, engineerName }: FormInput): Promise<Buffer> {
  const doc = newDocument('客户满意度调查表 Customer satisfaction survey', v.requestNo);
  const f = v.followUp;
  fields(doc, [
    ['客户 Customer', v.customerName ?? v.intake.customerId],
    ['设备 Unit', v.unit ? `${v.unit.serialNumber} ${v.unit.model}` : v.intake.serialNumber],
    ['工程师 Engineer', engineerName ?? v.engineerId ?? null],
    ['完工 Signed off', v.signOff ? formatTime(v.signOff.at) : null],
    ['回访时间 Follow-up', f ? formatTime(f.at) : null],
  ]);
  heading(doc, '评分 Scores (1–10)');
  table(
    doc,
    [
      ['项目 Item', '评分 Score'],
      ['响应及时 Punctuality', score(f?.punctuality)],
      ['服务态度 Attitude', score(f?.attitude)],
      ['问题解决 Resolution', score(f?.resolution)],
      ['总体满意 Overall', score(f?.overall)],
    ],
    [8, 3],
  );
  fields(doc, [
    ['原因 Reason', f?.reason ?? null],
    ['意见 Comment', f?.comment ?? null],
  ]);
  return toBuffer(doc);
}

const score = (n: number | undefined) => (n === undefined ? '–' : String(n));
