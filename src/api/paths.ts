/**
 * Where the Flow Desk API's resources are: defined once, for the request functions beside this file
 * and for the server, which names what a page asks for first (server/page-preloads.ts). Plain
 * functions, no client code, so the server can import them.
 */
import type { ChannelRef } from '../model/flow';

export const SESSION_PATH = '/api/session';
export const ACCOUNTS_PATH = '/api/accounts';

export const channelFlowsPath = (ref: ChannelRef) => `${ACCOUNTS_PATH}/${encodeURIComponent(ref.accountId)}/channels/${encodeURIComponent(ref.channelId)}/flows`;
export const flowPath = (ref: ChannelRef, flowId: string) => `${channelFlowsPath(ref)}/${encodeURIComponent(flowId)}`;

/** One stored version's text (immutable: a hash names it). */
export const jsonVersionPath = (ref: ChannelRef, flowId: string, sha256: string) => `${flowPath(ref, flowId)}/json/${encodeURIComponent(sha256)}`;

/** The changed lines between two stored versions, with context (computed once per pair). */
export const jsonChangesPath = (ref: ChannelRef, flowId: string, from: string, to: string) =>
  `${flowPath(ref, flowId)}/json-changes/${encodeURIComponent(from)}/${encodeURIComponent(to)}`;
