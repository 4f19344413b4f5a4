import type { AccountInfo, ChannelInfo, FlowSummary } from '../../model/flow';
import { toRow } from './rows';

/** An account whose provider lists flows with their details and health. */
const graphAccount: AccountInfo = {
  id: 'support-in',
  name: 'Support India',
  provider: 'with-health',
  providerLabel: 'Provider With Health',
  providerAccountId: 'HXAP16XXXXXX97IN',
  accountLabel: 'SID',
  channelLabel: 'WABA',
  simulated: true,
  capabilities: { health: true, listCarriesDetails: true, previewCall: false, validationErrors: true },
  wording: { notExposed: [], listNote: null },
  rateLimit: { requests: 600, perMs: 60_000, note: 'test' },
  channels: [{ channelId: '295XXXXXXXXXXXX', label: 'Main WABA' }],
  problem: null,
};

export const healthChannel: ChannelInfo = { accountId: graphAccount.id, channelId: '295XXXXXXXXXXXX', label: 'Main WABA', account: graphAccount };

/** A channel whose provider lists only id, name and status, and has no health. */
export const detailsLaterChannel: ChannelInfo = {
  accountId: 'retail-eu',
  channelId: 'ec36a867-3dd4-e911-814a-02d85f55fce8',
  label: 'Main WABA',
  account: {
    ...graphAccount,
    id: 'retail-eu',
    name: 'Retail EU',
    provider: 'details-later',
    providerLabel: 'Provider Without Health',
    providerAccountId: '5f3e2a1b-9c8d-4e7f-a6b5-c4d3e2f1a0b9',
    capabilities: { health: false, listCarriesDetails: false, previewCall: true, validationErrors: true },
  },
};

const health = (level: string) => ({ canSendMessage: level, entities: [{ type: 'FLOW', id: '1', canSendMessage: level, errors: [], additionalInfo: [] }] });

export const summaries: FlowSummary[] = [
  { id: '3', name: 'Survey Berlin', status: 'PUBLISHED', categories: ['SURVEY'], validationErrorCount: 0, health: health('AVAILABLE') },
  { id: '1', name: 'appointment booking', status: 'DRAFT', categories: ['APPOINTMENT_BOOKING', 'OTHER'], validationErrorCount: 2, health: health('BLOCKED') },
  { id: '2', name: 'Lead capture', status: 'THROTTLED', categories: ['LEAD_GENERATION'], validationErrorCount: 0, health: health('LIMITED') },
  { id: '10', name: 'Zebra', status: 'SOMETHING_NEW', categories: ['SHOPPING'], validationErrorCount: 1 },
];

export const rows = summaries.map((s) => toRow(healthChannel, s, undefined));
