/** A request's and a quotation's statuses in Chinese and English. */
type Words = Record<string, [zh: string, en: string]>;

export const STATUS: Words = {
  received: ['已受理', 'Received'],
  remote_guidance: ['远程指导中', 'Remote guidance'],
  awaiting_unit: ['待客户送修', 'Waiting for the unit to be brought in'],
  unit_received: ['网点已收机', 'Unit received at the service point'],
  offered: ['派单中', 'Offered to an engineer'],
  awaiting_assignment: ['待指派', 'Awaiting assignment'],
  assigned: ['已指派', 'Engineer assigned'],
  scheduled: ['已预约', 'Visit scheduled'],
  on_site: ['工程师在现场', 'Engineer on site'],
  diagnosed: ['已诊断', 'Diagnosed'],
  awaiting_approval: ['待客户确认报价', 'Awaiting approval of the quotation'],
  repairing: ['维修中', 'Repairing'],
  work_done: ['已完工，待签字', 'Work done, awaiting signature'],
  ready_for_collection: ['待客户取机', 'Ready for collection'],
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
