/**
 * The header Flow Desk's pages send with every state-changing request, and the server requires on
 * them: a cross-site form or image cannot set it. Defined once for the browser and the server.
 */
export const REQUEST_HEADER_NAME = 'X-Flow-Desk';

export const REQUEST_HEADER: Readonly<Record<typeof REQUEST_HEADER_NAME, '1'>> = { [REQUEST_HEADER_NAME]: '1' };
