/**
 * What customers are told, in Chinese and English (R-INTEGRATE-4): one entry per template, written here
 * rather than in the workflow steps, and sent in the language of the customer's master data (the seeds'
 * customers read Chinese). Pure and sandbox-safe: the workflow renders a message when it queues it.
 * Staff notifications (engineers, supervisors, agents) are still written in English in the steps.
 */
export type MessageLanguage = 'zh' | 'en';
type Text = [subject: string, body: string];
type Entry<P> = (p: P) => Record<MessageLanguage, Text>;
const entry = <P>(e: Entry<P>): Entry<P> => e;

const ENTITLEMENT_ZH: Record<string, string> = { free: '保修期内免费', paid: '有偿服务', contract: '服务合同' };

export const CUSTOMER_MESSAGES = {
  request_received: entry(
    (p: { no: string; name: string; serial: string; model: string; entitlement: string; reason: string }) => ({
      zh: [
        `服务单 ${p.no} 已受理`,
        `${p.name}，您好！我们已收到您关于设备 ${p.serial}（${p.model}）的服务请求。服务类型：${ENTITLEMENT_ZH[p.entitlement] ?? p.entitlement}。`,
      ],
      en: [
        `Service request ${p.no} received`,
        `Dear ${p.name}, we received your request about unit ${p.serial} (${p.model}). Service type: ${p.entitlement} (${p.reason}).`,
      ],
    }),
  ),
  solved_remotely: entry((p: { no: string; name?: string; serial?: string; summary: string }) => ({
    zh: [
      `服务单 ${p.no} 已远程解决`,
      `${p.name ?? ''}，感谢您的配合。设备 ${p.serial ?? ''} 的故障已通过远程指导解决：${p.summary}。我们会回访您。`,
    ],
    en: [
      `Service ${p.no} solved remotely`,
      `Thank you, ${p.name}. The fault on unit ${p.serial} was solved by remote guidance: ${p.summary}. We will follow up with you.`,
    ],
  })),
  engineer_assigned: entry((p: { no: string; engineer?: string; changed?: boolean }) => ({
    zh: [
      `服务单 ${p.no} ${p.changed ? '已更换工程师' : '已指派工程师'}`,
      p.changed
        ? '另一位工程师将负责您的服务单，并会与您联系。'
        : `工程师${p.engineer ? ` ${p.engineer} ` : ''}将与您联系，约定上门时间。`,
    ],
    en: [
      p.changed ? `Engineer changed for ${p.no}` : `Engineer assigned to ${p.no}`,
      p.changed
        ? 'Another engineer will look after your request and will contact you.'
        : `${p.engineer ? `Engineer ${p.engineer}` : 'An engineer'} will contact you to agree a visit time.`,
    ],
  })),
  appointment: entry((p: { no: string; from: string; to: string; minutes: number; rescheduled: boolean }) => ({
    zh: [
      `服务单 ${p.no} 上门时间${p.rescheduled ? '已改约' : '已预约'}`,
      `上门时间 ${p.from} – ${p.to}，预计约 ${p.minutes} 分钟。`,
    ],
    en: [
      `Visit ${p.rescheduled ? 'rescheduled' : 'scheduled'} for ${p.no}`,
      `Visit window ${p.from} – ${p.to}, expected duration about ${p.minutes} minutes.`,
    ],
  })),
  appointment_reminder: entry((p: { no: string; from?: string; to?: string }) => ({
    zh: [`提醒：服务单 ${p.no} 即将上门`, `工程师将于 ${p.from} 至 ${p.to} 上门服务。`],
    en: [`Reminder: service visit for ${p.no}`, `Our engineer will visit between ${p.from} and ${p.to}.`],
  })),
  appointment_proposed: entry((p: { no: string; from: string; to: string; minutes: number }) => ({
    zh: [
      `请确认服务单 ${p.no} 的上门时间`,
      `我们建议在 ${p.from} 至 ${p.to} 上门（约 ${p.minutes} 分钟）。请在服务单页面同意或拒绝。`,
    ],
    en: [
      `Please confirm the visit time for ${p.no}`,
      `We propose a visit between ${p.from} and ${p.to} (about ${p.minutes} minutes). Please accept or decline it on your request's page.`,
    ],
  })),
  entitlement_changed: entry((p: { no: string; findings: string; contract: boolean }) => ({
    zh: [
      `服务单 ${p.no}：本次维修需收费`,
      `工程师发现人为损坏（${p.findings}），不在${p.contract ? '服务合同' : '保修'}范围内。任何收费维修前，您会先收到报价并确认。`,
    ],
    en: [
      `Request ${p.no}: repair is chargeable`,
      `Our engineer found misuse (${p.findings}); this is not covered by ${p.contract ? 'your service contract' : 'the warranty'}. You will receive a quotation to approve before any chargeable work.`,
    ],
  })),
  another_visit_needed: entry((p: { no: string; reason: string }) => ({
    zh: [`服务单 ${p.no} 需要再次上门`, `工程师需要再次上门（${p.reason}），将与您联系约定下次时间。`],
    en: [
      `Another visit is needed for ${p.no}`,
      `Our engineer needs to come back (${p.reason}). They will contact you to agree a time for the next visit.`,
    ],
  })),
  commissioning_improve: entry((p: { no: string; items: string[] }) => ({
    zh: [
      `设备正常运行前需要您改进的事项（${p.no}）`,
      `工程师发现以下需要改进：\n${p.items.map((i) => `- ${i}`).join('\n')}`,
    ],
    en: [
      `Before your installation can run well (${p.no})`,
      `Our engineer found what you need to improve:\n${p.items.map((i) => `- ${i}`).join('\n')}`,
    ],
  })),
  quotation: entry(
    (p: {
      no: string;
      version: number;
      total: string;
      lines: string[];
      reason?: string;
      replaces?: number;
      dropped: string[];
      covered?: string;
      declineFee?: string;
    }) => ({
      zh: [
        `服务单 ${p.no} 报价 v${p.version}：${p.total}`,
        `${p.reason ? `发现新问题：${p.reason}\n` : ''}${p.replaces ? `本报价完全取代 v${p.replaces}${p.dropped.length ? `；不再包含：${p.dropped.join('、')}` : ''}。\n` : ''}${p.lines.join('\n')}\n合计：${p.total}${p.covered ? `（保修/合同承担：${p.covered}）` : ''}。` +
          `您通过服务链接确认之前，不会开始任何收费工作。${p.declineFee ? `如您拒绝，将收取检测费 ${p.declineFee}。` : ''}`,
      ],
      en: [
        `Quotation v${p.version} for ${p.no}: ${p.total}`,
        `${p.reason ? `New problem found: ${p.reason}\n` : ''}${p.replaces ? `This quotation replaces v${p.replaces} in full${p.dropped.length ? `; no longer included: ${p.dropped.join(', ')}` : ''}.\n` : ''}${p.lines.join('\n')}\nTotal: ${p.total}${p.covered ? ` (covered: ${p.covered})` : ''}.` +
          ` No chargeable work starts before you approve it through your service link.${p.declineFee ? ` If you decline, a diagnosis fee of ${p.declineFee} applies.` : ''}`,
      ],
    }),
  ),
  quotation_reminder: entry((p: { no: string; version: number; total: string }) => ({
    zh: [
      `提醒：服务单 ${p.no} 的报价 v${p.version} 等待您的决定`,
      `请通过服务链接同意或拒绝报价 v${p.version}（${p.total}）；逾期未答复将失效。`,
    ],
    en: [
      `Reminder: quotation v${p.version} for ${p.no} awaits your decision`,
      `Please approve or decline quotation v${p.version} (${p.total}) through your service link; it expires if unanswered.`,
    ],
  })),
  quotation_expired: entry((p: { no: string; version: number }) => ({
    zh: [
      `服务单 ${p.no} 的报价已失效`,
      `我们未收到您对报价 v${p.version} 的答复，服务单已关闭。如需服务，请随时联系我们。`,
    ],
    en: [
      `Quotation for ${p.no} expired`,
      `We did not hear from you about quotation v${p.version}; the request is closed. Call us any time to open a new one.`,
    ],
  })),
  quotation_declined: entry((p: { no: string; fee?: string }) => ({
    zh: [
      `服务单 ${p.no} 的报价已拒绝`,
      `我们已记录您的决定。工程师将结束本次上门，不进行维修${p.fee ? `；收取检测费 ${p.fee}` : ''}。我们会回访您。`,
    ],
    en: [
      `Quotation for ${p.no} declined`,
      `We noted your decision. Our engineer ends the visit without repair${p.fee ? `; a diagnosis fee of ${p.fee} applies` : ''}. We will follow up with you.`,
    ],
  })),
  settlement_difference: entry((p: { no: string; total: string; approved: string; difference: string }) => ({
    zh: [
      `服务单 ${p.no} 的结算与已确认报价不同`,
      `实际完成的工作合计 ${p.total}，您确认的报价为 ${p.approved}。签字前请确认差额 ${p.difference}。`,
    ],
    en: [
      `Settlement of ${p.no} differs from the approved quotation`,
      `The work as recorded comes to ${p.total}; you approved ${p.approved}. Please approve the difference of ${p.difference} before signing off.`,
    ],
  })),
  receipt: entry((p: { no: string; paid: string; method: string; receiptNo: string }) => ({
    zh: [`服务单 ${p.no} 已收到付款`, `我们已收到 ${p.paid}（${p.method}，收据 ${p.receiptNo}）。谢谢！`],
    en: [`Payment received for ${p.no}`, `We received ${p.paid} (${p.method}, receipt ${p.receiptNo}). Thank you.`],
  })),
  completed: entry((p: { no: string; signedBy: string; serial?: string }) => ({
    zh: [`服务单 ${p.no} 已完成`, `${p.signedBy}，感谢您！设备 ${p.serial ?? ''} 的服务已完成，我们会回访您。`],
    en: [
      `Service ${p.no} completed`,
      `Thank you, ${p.signedBy}. The work on unit ${p.serial} is complete. We will follow up with you.`,
    ],
  })),
  cancelled: entry((p: { no: string; reason: string }) => ({
    zh: [`服务单 ${p.no} 已取消`, `您的服务单已取消：${p.reason}。`],
    en: [`Request ${p.no} cancelled`, `Your request was cancelled: ${p.reason}.`],
  })),
  complaint_acknowledged: entry((p: { no: string; summary: string }) => ({
    zh: [`我们已收到您的投诉 ${p.no}`, `${p.summary}\n我们将在 24 小时内给您首次答复。`],
    en: [
      `We have your complaint ${p.no}`,
      `${p.summary}\nWe will come back to you with a first answer within 24 hours.`,
    ],
  })),
  complaint_resolution: entry((p: { no: string; resolution: string; version: number }) => ({
    zh: [`关于您的投诉 ${p.no} 的处理方案`, `${p.resolution}\n请通过投诉链接接受或拒绝（v${p.version}）。`],
    en: [
      `Our proposal for your complaint ${p.no}`,
      `${p.resolution}\nPlease accept or reject it (v${p.version}) through your complaint link.`,
    ],
  })),
  // R-TRIAGE-3: suggestions (建议), reviewed by quality.
  suggestion_received: entry((p: { no: string; text: string }) => ({
    zh: [`感谢您的建议 ${p.no}`, `我们已记录您的建议：${p.text}\n质量部门审阅后会答复您。`],
    en: [
      `Thank you for your suggestion ${p.no}`,
      `We recorded it: ${p.text}\nOur quality team will review it and tell you.`,
    ],
  })),
  suggestion_reviewed: entry((p: { no: string; decision: string; response: string }) => ({
    zh: [
      `关于您的建议 ${p.no}`,
      `${{ adopted: '您的建议已被采纳。', noted: '您的建议已记录，供今后参考。', declined: '您的建议暂不采纳。' }[p.decision] ?? ''}${p.response}`,
    ],
    en: [
      `About your suggestion ${p.no}`,
      `${{ adopted: 'We are taking up your suggestion. ', noted: 'We noted your suggestion for later. ', declined: 'We will not take up your suggestion for now. ' }[p.decision] ?? ''}${p.response}`,
    ],
  })),
  // R-TRIAGE-2: carry-in repair (送修) at a service point.
  bring_unit: entry((p: { no: string; serial?: string; point: string; address: string; hours?: string }) => ({
    zh: [
      `服务单 ${p.no}：请将设备送至服务网点`,
      `请将设备 ${p.serial ?? ''} 送至 ${p.point}（${p.address}）${p.hours ? `，营业时间 ${p.hours}` : ''}，并报服务单号 ${p.no}。`,
    ],
    en: [
      `${p.no}: please bring your unit to the service point`,
      `Please bring unit ${p.serial ?? ''} to ${p.point} (${p.address})${p.hours ? `, open ${p.hours}` : ''} and quote request ${p.no}.`,
    ],
  })),
  unit_received: entry((p: { no: string; point: string; condition: string }) => ({
    zh: [`服务单 ${p.no}：设备已收到`, `${p.point} 已收到您的设备，收货时状态：${p.condition}。检测后我们会与您联系。`],
    en: [
      `${p.no}: we have your unit`,
      `${p.point} received your unit (its condition: ${p.condition}). We will contact you once it is diagnosed.`,
    ],
  })),
  ready_for_collection: entry(
    (p: { no: string; point: string; hours?: string; repaired: boolean; freeUntil?: string; fee?: string }) => ({
      zh: [
        `服务单 ${p.no}：设备可以取回`,
        `${p.repaired ? '您的设备已修好' : '您的设备未维修'}，请到 ${p.point} 取回${p.hours ? `（营业时间 ${p.hours}）` : ''}。${p.freeUntil ? `${p.freeUntil} 前免费保管，之后每天收取保管费 ${p.fee}。` : ''}`,
      ],
      en: [
        `${p.no}: your unit is ready for collection`,
        `Your unit is ${p.repaired ? 'repaired' : 'ready, unrepaired'}; please collect it at ${p.point}${p.hours ? ` (open ${p.hours})` : ''}.${p.freeUntil ? ` We keep it free until ${p.freeUntil}; after that storage is ${p.fee} a day.` : ''}`,
      ],
    }),
  ),
  storage_charges_started: entry((p: { no: string; point: string; since: string; fee: string }) => ({
    zh: [
      `服务单 ${p.no}：设备保管费开始计算`,
      `您的设备仍在 ${p.point} 等您取回。自 ${p.since} 起每天收取保管费 ${p.fee}，取回时结算。`,
    ],
    en: [
      `${p.no}: storage charges have started`,
      `Your unit is still waiting for you at ${p.point}. Since ${p.since} storage is ${p.fee} a day, settled when you collect it.`,
    ],
  })),
  unit_collected: entry((p: { no: string; signedBy: string; serial?: string }) => ({
    zh: [`服务单 ${p.no}：设备已取回`, `${p.signedBy} 已签收设备 ${p.serial ?? ''}。我们会回访您。`],
    en: [
      `${p.no}: unit collected`,
      `${p.signedBy} signed for unit ${p.serial ?? ''} at collection. We will follow up with you.`,
    ],
  })),
};

export type CustomerTemplate = keyof typeof CUSTOMER_MESSAGES;
export type CustomerParams<T extends CustomerTemplate> = Parameters<(typeof CUSTOMER_MESSAGES)[T]>[0];

/** The subject and body of a customer message in their language (Chinese when master data says none). */
export function customerText<T extends CustomerTemplate>(
  template: T,
  params: CustomerParams<T>,
  language: MessageLanguage | undefined,
): Text {
  return (CUSTOMER_MESSAGES[template] as Entry<CustomerParams<T>>)(params)[language ?? 'zh'];
}
