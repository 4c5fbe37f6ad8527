/**
 * The pages' words in Chinese and English. The language comes from `?lang=` (remembered in a cookie),
 * else the browser's Accept-Language. The API's refusals (409/403 reasons) are English sentences; the
 * common ones are translated here by pattern, the rest are shown as the API wrote them after a
 * translated heading, so nobody is left with only a status code.
 */
import { parse as parseCookies } from 'cookie';
import type { Request, Response } from 'express';

export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export function langOf(req: Request, res: Response): Lang {
  const asked = req.query.lang;
  if (asked === 'zh' || asked === 'en') {
    res.cookie('lang', asked, { sameSite: 'lax', maxAge: 365 * 86_400_000, path: '/' });
    return asked;
  }
  const kept = parseCookies(req.get('cookie') ?? '').lang;
  if (kept === 'zh' || kept === 'en') return kept;
  return req.acceptsLanguages('zh', 'en') === 'zh' ? 'zh' : 'en';
}

type Words = Record<string, [zh: string, en: string]>;

const WORDS: Words = {
  appName: ['售后服务', 'Aftersales'],
  request: ['服务单', 'Service request'],
  status: ['状态', 'Status'],
  timeline: ['进度', 'Progress'],
  engineer: ['工程师', 'Engineer'],
  appointment: ['预约时间', 'Appointment'],
  unit: ['设备', 'Unit'],
  quotation: ['报价单', 'Quotation'],
  item: ['项目', 'Item'],
  qty: ['数量', 'Qty'],
  unitPrice: ['单价', 'Unit price'],
  amount: ['金额', 'Amount'],
  total: ['合计', 'Total'],
  covered: ['保修免费', 'covered'],
  warranty: ['保修', 'Warranty'],
  warrantyDays: ['天保修', 'days warranty'],
  approve: ['同意并签字', 'Approve and sign'],
  decline: ['拒绝', 'Decline'],
  reason: ['原因', 'Reason'],
  yourName: ['签字人姓名', 'Your name'],
  signHere: ['请在此签名', 'Sign here'],
  clear: ['清除', 'Clear'],
  signOff: ['服务确认签字', 'Sign the service confirmation'],
  satisfied: ['对服务满意', 'I am satisfied with the service'],
  comment: ['意见', 'Comment'],
  confirm: ['确认', 'Confirm'],
  settlement: ['结算', 'Settlement'],
  paid: ['已付', 'Paid'],
  outstanding: ['未付', 'Outstanding'],
  settled: ['已结清', 'Settled'],
  documents: ['单据', 'Documents'],
  'service-confirmation': ['服务确认单', 'Service confirmation'],
  'settlement-statement': ['结算单', 'Settlement statement'],
  'commissioning-report': ['开通调试报告', 'Commissioning report'],
  survey: ['满意度调查', 'Satisfaction survey'],
  punctuality: ['准时', 'Punctuality'],
  attitude: ['服务态度', 'Attitude'],
  resolution: ['问题解决', 'Resolution'],
  overall: ['总体评分', 'Overall'],
  reasonBelow8: ['低于8分请说明原因', 'Please tell us why (score below 8)'],
  send: ['提交', 'Send'],
  faultBack: ['故障又出现了', 'The fault is back'],
  symptoms: ['现象', 'Symptoms'],
  agentDesk: ['受理台', 'Agent desk'],
  findUnit: ['查找客户或设备', 'Find the customer or unit'],
  findHint: ['电话、姓名或序列号', 'phone, name or serial number'],
  search: ['查找', 'Search'],
  earlierRequests: ['该设备的历史服务', 'Earlier requests for this unit'],
  noEarlier: ['该设备没有历史服务记录', 'No earlier requests for this unit'],
  noResolution: ['尚未解决', 'not solved yet'],
  inWarranty: ['保修期内，至', 'In warranty until'],
  outOfWarranty: ['已过保修期', 'Out of warranty since'],
  willBeFree: ['将免费服务', 'the work will be free'],
  willBePaid: ['将为有偿服务（需报价）', 'the work will be paid (quotation first)'],
  slaPolicy: ['时效规则', 'SLA policy'],
  takeIn: ['受理', 'Take in the request'],
  channel: ['渠道', 'Channel'],
  kind: ['类型', 'Kind'],
  urgency: ['紧急程度', 'Urgency'],
  contactName: ['联系人', 'Contact'],
  contactPhone: ['联系电话', 'Contact phone'],
  siteAddress: ['现场地址', 'Site address'],
  powerChecked: ['已检查电源', 'Power checked'],
  valvesChecked: ['已检查阀门', 'Valves checked'],
  complaint: ['投诉', 'Complaint'],
  category: ['类别', 'Category'],
  description: ['说明', 'Description'],
  done: ['已完成', 'Done'],
  errorNotAllowed: ['当前状态下不能进行此操作', 'Not allowed now'],
  errorForbidden: ['没有权限', 'Not permitted'],
  errorInput: ['输入有误', 'Please check the input'],
  errorOther: ['出错了，请稍后再试', 'Something went wrong; please try again'],
  signIn: ['员工登录', 'Staff sign-in'],
  username: ['用户名', 'Username'],
  password: ['密码', 'Password'],
  wrongCredentials: ['用户名或密码不正确', 'Wrong username or password'],
  tooManyTries: ['尝试次数过多，请稍后再试', 'Too many attempts: try again later'],
  signOut: ['退出', 'Sign out'],
  board: ['调度看板', 'Dispatch board'],
  supervisorQueue: ['待主管处理（无人接单）', 'Supervisor queue (offers nobody accepted)'],
  deadline: ['截止', 'Deadline'],
  region: ['区域', 'Region'],
  all: ['全部', 'All'],
  breachedOnly: ['仅超时', 'Breached only'],
  filter: ['筛选', 'Filter'],
  assign: ['指派', 'Assign'],
  reschedule: ['改约', 'Reschedule'],
  lanes: ['工程师日程', "Engineers' days"],
  from: ['开始', 'From'],
  to: ['结束', 'To'],
  minutes: ['预计分钟', 'Minutes'],
  myOffers: ['待接单', 'My offers'],
  myJobs: ['我的工单', 'My jobs'],
  accept: ['接单', 'Accept'],
  workOrder: ['工单', 'Work order'],
  customer: ['客户', 'Customer'],
  site: ['地址', 'Site'],
  fault: ['故障', 'Fault'],
  earlier: ['该设备的历史服务', 'Earlier requests for this unit'],
  checkIn: ['到场签到（已出示证件）', 'Check in (identity shown)'],
  diagnosis: ['诊断', 'Diagnosis'],
  findings: ['诊断结果', 'Findings'],
  faultConfirmed: ['已与客户确认故障', 'Fault confirmed with the customer'],
  faultClass: ['故障类别', 'Fault class'],
  checklist: ['保养检查项', 'Checklist'],
  work: ['完工记录', 'Work done'],
  actions: ['处理内容', 'Actions'],
  advice: ['使用维护建议', 'Usage and maintenance advice'],
  functionalTest: ['功能测试通过', 'Functional test passed'],
  demonstrated: ['已向客户演示', 'Demonstrated to the customer'],
  cleanedUp: ['已清理现场', 'Site cleaned up'],
  partsUsed: ['实际用料（编码 数量，每行一项）', 'Parts and labour used (code quantity, one per line)'],
  quotationLines: ['报价行（编码 数量，每行一项）', 'Quotation lines (code quantity, one per line)'],
  issueQuotation: ['出具报价', 'Issue quotation'],
  support: ['申请技术支持', 'Ask technical support'],
  question: ['问题', 'Question'],
  remote: ['远程', 'remote'],
  onSite: ['现场', 'on site'],
  anotherVisit: ['需要再次上门', 'Another visit needed'],
  needs: ['需要', 'Needs'],
  customerSignature: ['客户在设备上签字', "Customer's signature on this device"],
  signedBy: ['签字人', 'Signed by'],
  approveOnDevice: ['客户同意报价（在本设备签字）', 'Customer approves the quotation (signs on this device)'],
  appointmentAgreed: ['约定上门时间（客户已同意）', 'Agree the visit window (customer consents)'],
  chargingExplained: ['已说明收费政策', 'Charging policy explained'],
  nothing: ['暂无', 'Nothing here'],
  propose: ['发给客户确认', 'Propose to the customer'],
  proposedTime: ['建议上门时间，请确认', 'Proposed visit time: please confirm'],
  acceptTime: ['同意此时间', 'Accept this time'],
  declineTime: ['不方便', 'Does not suit me'],
  breached: ['已超时', 'breached'],
  paused: ['已暂停', 'paused'],
  warning: ['即将超时', 'warning'],
  running: ['进行中', 'running'],
  language: ['English', '中文'],
};

export const STATUS: Words = {
  received: ['已受理', 'Received'],
  remote_guidance: ['远程指导中', 'Remote guidance'],
  offered: ['派单中', 'Offered to an engineer'],
  awaiting_assignment: ['待指派', 'Awaiting assignment'],
  assigned: ['已指派', 'Engineer assigned'],
  scheduled: ['已预约', 'Visit scheduled'],
  on_site: ['工程师在现场', 'Engineer on site'],
  diagnosed: ['已诊断', 'Diagnosed'],
  awaiting_approval: ['待客户确认报价', 'Awaiting approval of the quotation'],
  repairing: ['维修中', 'Repairing'],
  work_done: ['已完工，待签字', 'Work done, awaiting signature'],
  awaiting_follow_up: ['已完成，待回访', 'Completed, follow-up pending'],
  follow_up_due: ['待回访', 'Follow-up due'],
  closed: ['已关闭', 'Closed'],
  cancelled: ['已取消', 'Cancelled'],
  aborted: ['已中止', 'Aborted'],
  // A quotation's own states (awaiting_approval is shared with the request's).
  approved: ['已批准', 'Approved'],
  declined: ['已拒绝', 'Declined'],
  expired: ['已过期', 'Expired'],
  superseded: ['已被新版本取代', 'Replaced by a newer version'],
};

/** The API's refusals in Chinese: [pattern, template with $1…]. English pages show the API's words. */
export const REASONS_ZH: [string, string][] = [
  ['^(.+) can (.+) only while (.+) \\(status: (\\w+)\\)$', '当前状态（$4）下不能执行此操作'],
  ['^only (.+) may (.+)$', '只有 $1 可以执行此操作'],
  ['is for another engineer', '这项工作属于其他工程师'],
  ['is assigned to another engineer', '这项工作已指派给其他工程师'],
  ['^quotation v(\\d+) was already approved', '报价 v$1 已经批准过了'],
  ['^no quotation is awaiting approval', '目前没有待批准的报价'],
  ['^quotation v(\\d+) is \\w+: v(\\d+) is the one to', '报价 v$1 已失效，请处理最新的报价 v$2'],
  ['^the total of quotation v(\\d+) is', '报价 v$1 的金额已变更，请刷新后重试'],
  ["^an appointment needs the customer's consent", '预约需要客户同意'],
  ['^outside warranty .* charging policy must be explained', '保修期外须先向客户说明收费政策'],
  ['^a reschedule needs a reason', '改约需要填写原因并取得客户同意'],
  ['^check-in requires showing identity', '签到前须向客户出示证件'],
  ['^the fault must be confirmed with the customer', '记录诊断前须与客户确认故障'],
  ['^work can be completed only after a passed functional test', '功能测试通过后才能完工'],
  ['^chargeable work needs an approved quotation first', '收费维修须先取得客户批准的报价'],
  ["^work waits for the customer's approval of quotation v(\\d+)", '等待客户批准报价 v$1'],
  ['^engineer (\\S+) is already assigned', '工程师 $1 已经被指派'],
  ['^this link is for another request', '此链接属于其他服务单'],
  ['^request (\\S+) is already finished', '服务单 $1 已结束'],
  ['^request (\\S+) is already (\\w+)', '服务单 $1 已处于 $2 状态'],
  ['^the request is still being received', '服务单仍在受理中，请稍候'],
  ['^the proposed visit time changed', '建议的上门时间已变更，请刷新页面'],
  ['^declining a proposed visit time needs a reason', '拒绝建议时间时请填写原因'],
  ['^an overall score below 8 needs a reason', '总体评分低于8分时请填写原因'],
];

export const t = (lang: Lang, key: string): string => {
  const w = WORDS[key];
  return w ? w[lang === 'zh' ? 0 : 1] : key;
};
export const statusLabel = (lang: Lang, status: string): string => STATUS[status]?.[lang === 'zh' ? 0 : 1] ?? status;
/** A history entry's action as words: "quotation_approved" → "quotation approved" (the API's own vocabulary). */
export const actionLabel = (action: string): string => action.replace(/_/g, ' ');

/** What the page script needs to say errors in the person's language. */
export const browserWords = (lang: Lang) => ({
  lang,
  errorNotAllowed: t(lang, 'errorNotAllowed'),
  errorForbidden: t(lang, 'errorForbidden'),
  errorInput: t(lang, 'errorInput'),
  errorOther: t(lang, 'errorOther'),
  done: t(lang, 'done'),
  reasons: lang === 'zh' ? REASONS_ZH : [],
});
