import type { ChannelInfo, FlowSummary } from '../../model/flow';
import { toRow } from './rows';

export const kaleyraChannel: ChannelInfo = {
  provider: 'kaleyra',
  accountId: 'HXAP16XXXXXX97IN',
  channelId: '295XXXXXXXXXXXX',
  label: 'Main WABA',
  providerLabel: 'Kaleyra',
  accountLabel: 'SID',
  channelLabel: 'WABA',
  simulated: true,
  capabilities: { health: true, listCarriesDetails: true },
};

export const eightByEightChannel: ChannelInfo = {
  ...kaleyraChannel,
  provider: '8x8',
  accountId: '5f3e2a1b-9c8d-4e7f-a6b5-c4d3e2f1a0b9',
  channelId: 'ec36a867-3dd4-e911-814a-02d85f55fce8',
  providerLabel: '8x8 Chat Apps',
  capabilities: { health: false, listCarriesDetails: false },
};

const health = (level: string) => ({ canSendMessage: level, entities: [{ type: 'FLOW', id: '1', canSendMessage: level, errors: [], additionalInfo: [] }] });

export const summaries: FlowSummary[] = [
  { id: '3', name: 'Survey Berlin', status: 'PUBLISHED', categories: ['SURVEY'], validationErrorCount: 0, health: health('AVAILABLE') },
  { id: '1', name: 'appointment booking', status: 'DRAFT', categories: ['APPOINTMENT_BOOKING', 'OTHER'], validationErrorCount: 2, health: health('BLOCKED') },
  { id: '2', name: 'Lead capture', status: 'THROTTLED', categories: ['LEAD_GENERATION'], validationErrorCount: 0, health: health('LIMITED') },
  { id: '10', name: 'Zebra', status: 'SOMETHING_NEW', categories: ['SHOPPING'], validationErrorCount: 1 },
];

export const rows = summaries.map((s) => toRow(kaleyraChannel, s, undefined));
