// Tests speak through their assertions; the services' JSON logs would only bury them (logs.test.ts reads them).
process.env.LOG_LEVEL ??= 'warn';
// Every query of the suite is checked: a scan of a large collection that does not say why fails its test.
process.env.AFTERSALES_SCAN_GUARD ??= 'refuse';
