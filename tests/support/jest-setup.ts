// Cross-package tests start real processes and browsers: give hooks and tests room on a 2-core machine.
jest.setTimeout(180_000);
