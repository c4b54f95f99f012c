/** Password guessing from other addresses slows the guesser, never the real person at a known address. */
import { testConfig } from '../../config/env';
import { manualClock } from '../../security/clock';
import { FieldCrypto } from '../../security/field-crypto';
import { TokenService } from '../../security/tokens';
import { signInAs } from '../../test-support/auth';
import { useTestDb } from '../../test-support/test-db';
import { AuthService, SignInLockedError } from './auth.service';
import { delayAfter, maskAddress } from './sign-in-throttle';

useTestDb();
const config = testConfig();
const clock = manualClock('2026-06-01T02:00:00Z');
const crypto = new FieldCrypto(config.fieldEncryptionKey);
const auth = new AuthService({ tokens: new TokenService({ secret: config.jwtSecret, clock }), crypto, clock });
const OFFICE = '10.8.1.20';

async function tryPassword(username: string, password: string, ip: string): Promise<'ok' | 'wrong' | number> {
  try {
    await auth.signInWithPassword({ username, password }, ip);
    return 'ok';
  } catch (err: unknown) {
    if (err instanceof SignInLockedError) return err.retryAfterSeconds;
    return 'wrong';
  }
}

beforeEach(() => clock.set('2026-06-01T02:00:00Z'));

describe('sign-in delays', () => {
  it('when failures grow, then the delay doubles from 15 s up to 15 min for an account and 1 h for an address', () => {
    expect([1, 4, 5, 6, 7, 20].map((n) => delayAfter('account', n))).toEqual([0, 0, 15, 30, 60, 900]);
    expect([10, 11, 12, 30].map((n) => delayAfter('address', n))).toEqual([0, 15, 30, 3600]);
    expect(maskAddress('203.0.113.7')).toBe('203.0.113.*');
    expect(maskAddress('::ffff:203.0.113.7')).toBe('203.0.113.*');
  });

  it('when an attacker from many addresses keeps guessing, then the staff member at their usual address still signs in at once', async () => {
    const staff = await signInAs('staff', { config, clock });
    const username = staff.username ?? '';
    expect(await tryPassword(username, staff.password ?? '', OFFICE)).toBe('ok'); // the office address becomes known
    let delayed = 0;
    for (let i = 0; i < 40; i += 1) {
      const r = await tryPassword(username, `guess-${i}`, `198.51.100.${i % 5}`);
      if (typeof r === 'number') {
        delayed += 1;
        clock.advance(r * 1000); // a patient attacker waits out every delay
      }
    }
    expect(delayed).toBeGreaterThan(0);
    expect(await tryPassword(username, 'one-more', '198.51.100.9')).toBe('wrong');
    // A stranger's address is delayed on this username…
    expect(typeof (await tryPassword(username, staff.password ?? '', '192.0.2.77'))).toBe('number');
    // …the person at the office is not.
    expect(await tryPassword(username, staff.password ?? '', OFFICE)).toBe('ok');
    // Their own typing errors at the office have their own count: free tries, then short delays.
    for (let i = 0; i < 4; i += 1) expect(await tryPassword(username, 'typo', OFFICE)).toBe('wrong');
    expect(await tryPassword(username, staff.password ?? '', OFFICE)).toBe('ok');
  });

  it('when one address guesses many usernames, then that address is delayed for all of them, others are not', async () => {
    const staff = await signInAs('staff', { config, clock });
    for (let i = 0; i < 11; i += 1) expect(await tryPassword(`user${i}`, 'guess', '203.0.113.9')).toBe('wrong');
    expect(await tryPassword(staff.username ?? '', staff.password ?? '', '203.0.113.9')).toBe(15);
    expect(await tryPassword(staff.username ?? '', staff.password ?? '', '203.0.113.10')).toBe('ok');
  });
});
