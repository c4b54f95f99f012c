/** A staff-side account without a region sees every county: only admins may be without one. */
import { ErrorBodySchema } from '@zhuanyi/shared';
import { Account } from '../../modules/accounts/account.model';
import { signInAs } from '../../test-support/auth';
import { testApp } from '../../test-support/test-app';
import { useTestDb } from '../../test-support/test-db';

const db = useTestDb();
const http = () => testApp(db.database).http();

describe('region scope of staff accounts', () => {
  it.each(['staff', 'intake', 'broker'] as const)('when an admin clears the region of a %s account, then 400 and the scope stays', async (role) => {
    const admin = await signInAs('admin');
    const subject = await signInAs(role, { regionScope: '150521' });
    const res = await http().patch(`/api/v1/staff/accounts/${subject.subjectId}`).set(admin.header).send({ regionScope: null, reason: '调整辖区' });
    expect(res.status).toBe(400);
    expect(ErrorBodySchema.parse(res.body).error.fields).toHaveProperty('regionScope');
    expect((await Account.findById(subject.subjectId).lean())?.regionScope).toBe('150521');
  });

  it('when an admin moves a staff account to another county, then it is saved', async () => {
    const admin = await signInAs('admin');
    const staff = await signInAs('staff', { regionScope: '150521' });
    await http().patch(`/api/v1/staff/accounts/${staff.subjectId}`).set(admin.header).send({ regionScope: '150522', reason: '调整辖区' }).expect(200);
    expect((await Account.findById(staff.subjectId).lean())?.regionScope).toBe('150522');
  });
});
