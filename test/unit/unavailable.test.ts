/** R-INTEGRATE-2 a dependency that cannot be reached is a 503 with Retry-After, not a 500. */
import { isUnavailable } from '../../services/http/errors';

const ferret = (message: string) => Object.assign(new Error(message), { name: 'MongoServerError' });

it('R-INTEGRATE-2 FerretDB answering that its PostgreSQL is down counts as the database unreachable', () => {
  expect(
    isUnavailable(
      ferret(
        '[msg_insert.go:168 handler.(*Handler).MsgInsert] failed to connect to `user=aftersales database=ferretdb`:\n\t127.0.0.1:33077 (127.0.0.1): dial error: dial tcp 127.0.0.1:33077: connect: connection refused',
      ),
    ),
  ).toBe(true);
  expect(isUnavailable(ferret('E11000 duplicate key error'))).toBe(false);
  expect(isUnavailable(Object.assign(new Error('x'), { name: 'MongoNetworkError' }))).toBe(true);
});

it('R-INTEGRATE-2 a FerretDB connection ended by PostgreSQL restarting counts as the database unreachable', () => {
  const ended =
    '[msg_update.go:133 handler.(*Handler).updateDocument] [collection.go:218 postgresql.(*collection).UpdateAll.func1] FATAL: terminating connection due to unexpected postmaster exit (SQLSTATE 57P01)';
  expect(isUnavailable(ferret(ended))).toBe(true);
  expect(isUnavailable(ferret('FATAL: the database system is starting up (SQLSTATE 57P03)'))).toBe(true);
  expect(isUnavailable(ferret('ERROR: value too long for type (SQLSTATE 22001)'))).toBe(false);
});
