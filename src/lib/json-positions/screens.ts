/** `screens[i].id` for each screen (null where missing), or [] if the text is not a flow. */
export function screenIdsOf(text: string): (string | null)[] {
  let flow: unknown;
  try {
    flow = JSON.parse(text);
  } catch {
    return [];
  }
  return screenIdsOfFlow(flow);
}

/** `screens[i].id` for each screen of an already parsed flow (null where missing), or []. */
export function screenIdsOfFlow(flow: unknown): (string | null)[] {
  const screens = (flow as { screens?: unknown } | null)?.screens;
  if (!Array.isArray(screens)) return [];
  return screens.map((s: unknown) => {
    const id = (s as { id?: unknown } | null)?.id;
    return typeof id === 'string' ? id : null;
  });
}
