/** Staff accounts, their sessions and the service tokens an admin issued: all by id; lists are small. */
import { accountStore } from '../accounts';
import { keyed } from '../keyed';
import type { Models } from '../models';

export function accountsRepository(m: Models) {
  return {
    ...accountStore(m),
    accounts: keyed(m.Account),
    sessions: keyed(m.Session),
    serviceTokens: keyed(m.ServiceToken),
    all: (limit: number) => m.Account.find({}).sort({ _id: 1 }).limit(limit).lean(),
    latestTokens: (limit: number) => m.ServiceToken.find({}).sort({ createdAt: -1 }).limit(limit).lean(),
  };
}
