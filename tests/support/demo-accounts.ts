import { DEMO_LOGINS } from '../../bff/src/seed/demo-data';

export interface DemoAccount {
  username: string;
  password: string;
  /** The display name the pages show. */
  name: string;
}

function demo(username: string): DemoAccount {
  const login = DEMO_LOGINS.find((l) => l.username === username);
  if (!login) throw new Error(`no demo login ${username}`);
  return { username, password: login.password, name: login.displayName };
}

// Demo accounts printed by the BFF at start (bff/src/seed/demo-data.ts): the broker of seed area 0's
// township, staff and intake officer of seed area 0 (county 150521), and the admin.
export const BROKER = demo('broker');
export const STAFF = demo('staff');
export const INTAKE = demo('intake');
export const ADMIN = demo('admin');
