/**
 * `promise`, or a failure saying `what` after `ms`: a step that never ends (a relay that does not
 * exit, a push that never comes) names itself instead of running into the test's timeout.
 */
export async function within<T>(ms: number, what: string | (() => string), promise: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(typeof what === 'string' ? `${what}: nothing after ${ms} ms` : what())), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
