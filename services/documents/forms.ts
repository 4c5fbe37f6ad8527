/**
 * The three forms of the seeds, drawn from the request's state: the service confirmation (服务确认单,
 * R-VISIT-6, R-SETTLE-2), the settlement statement (R-SETTLE-1..3) and the commissioning report
 * (开通调试报告, R-VISIT-7). Labels are bilingual, as on the paper forms customers sign.
 */
import { commissioningReportOf, statementOf } from '../../shared/serviceRequest/views';
import type { ServiceRequestView } from '../../shared/serviceRequest/types';
import { fields, formatTime, heading, money, newDocument, signatureBlock, table, toBuffer } from './pdf';

export interface FormInput {
  view: ServiceRequestView;
  engineerName: string | null;
  /** The drawn signature on the sign-off, when there is one. */
  signature?: Buffer;
}

const yesNo = (v: boolean | undefined) => (v === undefined ? null : v ? '是 yes' : '否 no');

export async function serviceConfirmation({ view: v, engineerName, signature }: FormInput): Promise<Buffer> {
  const doc = newDocument('服务确认单 Service confirmation', v.requestNo);
  fields(doc, [
    ['客户 Customer', v.customerName ?? v.intake.customerId],
    ['联系人 Contact', `${v.intake.contactName} ${v.intake.contactPhone}`],
    ['地址 Site', v.intake.siteAddress],
    ['设备 Unit', v.unit ? `${v.unit.serialNumber} ${v.unit.model ?? ''}` : null],
    ['工程师 Engineer', engineerName ?? v.engineerId],
    ['受理时间 Received', formatTime(v.receivedAt)],
  ]);
  heading(doc, '故障 Fault');
  fields(doc, [
    ['现象 Symptoms', v.intake.fault.symptoms],
    ['诊断 Diagnosis', v.diagnosis ? `${v.diagnosis.faultClass}: ${v.diagnosis.findings}` : null],
  ]);
  heading(doc, '上门记录 Visits');
  table(
    doc,
    [
      ['#', '到达 Arrived', '离开 Left', '结果 Outcome'],
      ...(v.visits ?? []).map((x) => [
        String(x.no),
        formatTime(x.checkedInAt),
        x.endedAt ? formatTime(x.endedAt) : '–',
        x.outcome ?? '–',
      ]),
    ],
    [1, 4, 4, 4],
  );
  heading(doc, '完工 Completion');
  fields(doc, [
    ['处理 Work done', v.work?.actions],
    ['功能测试 Functional test passed', yesNo(v.work?.functionalTestPassed)],
    ['操作演示 Demonstrated to customer', yesNo(v.work?.demonstratedToCustomer)],
    ['现场清理 Cleaned up', yesNo(v.work?.cleanedUp)],
    ['使用维护建议 Usage and maintenance advice', v.work?.advice],
    ['客户满意 Customer satisfied', yesNo(v.signOff?.satisfied)],
    ['意见 Comment', v.signOff?.comment],
  ]);
  signatureBlock(doc, '客户签字 Customer signature', v.signOff?.signedBy ?? null, v.signOff?.at ?? null, signature);
  return toBuffer(doc);
}

export async function settlementStatement({ view, signature }: FormInput): Promise<Buffer> {
  const st = statementOf(view);
  const doc = newDocument('结算单 Settlement statement', view.requestNo);
  fields(doc, [
    ['客户 Customer', st.customerName ?? view.intake.customerId],
    ['设备 Unit', st.unit ? st.unit.serialNumber : null],
    ['保修状态 Entitlement', `${st.entitlement ?? '–'}${st.entitlementReason ? ` (${st.entitlementReason})` : ''}`],
  ]);
  const s = st.settlement;
  heading(doc, '明细 Items');
  if (s) {
    table(
      doc,
      [
        ['编码 Code', '项目 Item', '数量 Qty', '单价 Unit price', '金额 Amount'],
        ...s.lines.map((l) => [
          l.code,
          l.description + (l.covered ? ' (保修 covered)' : ''),
          String(l.quantity),
          money(l.unitPriceMinor, s.currency),
          money(l.lineTotalMinor, s.currency),
        ]),
      ],
      [3, 6, 2, 3, 3],
    );
    fields(doc, [
      ['合计 Total', money(s.totalMinor, s.currency)],
      ['已批准报价 Approved quotation', money(s.approvedTotalMinor, s.currency)],
      ['已付 Paid', money(s.paidMinor, s.currency)],
      ['未付 Outstanding', money(s.outstandingMinor, s.currency)],
      ['发票 Invoice', s.invoice ? `${s.invoice.invoiceNo} (${s.invoice.account})` : null],
    ]);
    heading(doc, '付款 Payments');
    table(
      doc,
      [
        ['时间 Time', '方式 Method', '收据 Receipt', '金额 Amount'],
        ...s.payments.map((p) => [formatTime(p.at), p.method, p.receiptNo, money(p.amountMinor, p.currency)]),
      ],
      [4, 3, 4, 3],
    );
  } else {
    doc.text('尚未结算 Not settled yet');
  }
  heading(doc, '保修条款 Warranty');
  const w = st.warranty;
  fields(doc, [
    ['工作保修 Work', w.work ? `${w.work.days} 天 days${w.work.until ? `, 至 until ${w.work.until}` : ''}` : null],
    ...w.parts.map((p): [string, string] => [
      `${p.code} ${p.description}`,
      p.days ? `${p.days} 天 days${p.until ? `, 至 until ${p.until}` : ''}` : '–',
    ]),
  ]);
  signatureBlock(
    doc,
    '客户签字 Customer signature',
    view.signOff?.signedBy ?? null,
    view.signOff?.at ?? null,
    signature,
  );
  return toBuffer(doc);
}

export async function commissioningReport({ view, engineerName, signature }: FormInput): Promise<Buffer> {
  const r = commissioningReportOf(view);
  const doc = newDocument('开通调试报告 Commissioning report', view.requestNo);
  fields(doc, [
    ['客户 Customer', r.customerName],
    ['设备 Unit', r.unit ? r.unit.serialNumber : null],
    ['地址 Site', r.siteAddress],
    ['工程师 Engineer', engineerName ?? r.engineerId],
    ['记录时间 Recorded', formatTime(r.recordedAt)],
  ]);
  heading(doc, '检查 Checks');
  const names: Record<string, string> = {
    connections: '接线 Connections',
    grounding: '接地 Grounding',
    environment: '环境 Environment',
    powerSupply: '供电 Power supply',
  };
  table(
    doc,
    [
      ['项目 Check', '结果 Result', '备注 Note'],
      ...Object.entries(r.checks).map(([k, c]) => [names[k] ?? k, c.result, c.note ?? '']),
    ],
    [4, 2, 6],
  );
  heading(doc, '参数 Parameters');
  table(
    doc,
    [
      ['参数 Parameter', '设定值 Value'],
      ...r.parameters.map((p) => [p.name, `${p.value}${p.unit ? ` ${p.unit}` : ''}`]),
    ],
    [6, 6],
  );
  fields(doc, [
    ['处理 Work', r.work?.actions],
    ['建议 Advice', r.work?.advice],
    ['验收 Accepted', r.accepted ? '是 yes' : '否 no'],
  ]);
  signatureBlock(doc, '客户签字 Customer signature', r.signedBy, r.signedAt, signature);
  return toBuffer(doc);
}
