// Tests speak through their assertions; the services' JSON logs would only bury them (logs.test.ts reads them).
process.env.LOG_LEVEL ??= 'warn';
