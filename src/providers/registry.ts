/**
 * The one list of providers. Config, server, simulator, UI wording and the test harness loop
 * over it; adding a provider is one folder plus one line here.
 */
import type { AccountBase, Provider } from './types';
import { eightByEight } from './8x8/adapter';
import { eightByEightSimulator } from './8x8/simulator';
import { kaleyra } from './kaleyra/adapter';
import { kaleyraSimulator } from './kaleyra/simulator';
import { meta } from './meta/adapter';
import { metaSimulator } from './meta/simulator';
import { d360 } from './360dialog/adapter';
import { d360Simulator } from './360dialog/simulator';
import { gupshup } from './gupshup/adapter';
import { gupshupSimulator } from './gupshup/simulator';
import { infobip } from './infobip/adapter';
import { infobipSimulator } from './infobip/simulator';
import { aws } from './aws/adapter';
import { awsSimulator } from './aws/simulator';

const provider = <A extends AccountBase>(p: Provider<A>) => p as unknown as Provider;

export const providers: readonly Provider[] = [
  provider({ adapter: eightByEight, simulator: eightByEightSimulator }),
  provider({ adapter: kaleyra, simulator: kaleyraSimulator }),
  provider({ adapter: meta, simulator: metaSimulator }),
  provider({ adapter: d360, simulator: d360Simulator }),
  provider({ adapter: gupshup, simulator: gupshupSimulator }),
  provider({ adapter: infobip, simulator: infobipSimulator }),
  provider({ adapter: aws, simulator: awsSimulator }),
];

export function providerById(id: string): Provider | undefined {
  return providers.find((p) => p.adapter.id === id);
}
