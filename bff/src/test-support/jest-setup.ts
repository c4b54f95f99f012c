// API tests start databases and hash passwords; on a loaded 2-core machine 5 s is too tight to be meaningful.
jest.setTimeout(30_000);
