/** The words of service contracts (R-ENTITLE-1) and certifications (R-CERT-1) in Chinese and English. */
export const CONTRACT_WORDS: Record<string, [zh: string, en: string]> = {
  serviceContract: ['服务合同', 'Service contract'],
  visitsLeft: ['剩余上门次数', 'visits left'],
  hoursLeft: ['剩余现场工时', 'on-site hours left'],
  beyondPaid: ['超出后为有偿服务', 'beyond them the work is paid'],
  beyondApproval: ['超出后需主管批准', 'beyond them a supervisor approves'],
  allowanceApprovals: ['超出合同额度，待批准', 'Beyond a contract’s allowance: to approve'],
  approveAsContract: ['按合同服务批准', 'Approve as contract work'],
  refuseMakePaid: ['不批准（转有偿服务）', 'Refuse (paid work)'],
  willBeContract: ['合同服务', 'contract work'],
  uncertifiedReason: ['无有效资质时：原因', 'Without a valid certification: why'],
};
