// BFF tests build their configuration explicitly (test/test-context.ts); nothing is read from the shell.
process.env.TZ = "UTC";
