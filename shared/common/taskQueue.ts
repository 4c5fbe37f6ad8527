/** The task queue the worker polls and the services start workflows on (overridable: TEMPORAL_TASK_QUEUE). */
export const TASK_QUEUE = 'aftersales';
