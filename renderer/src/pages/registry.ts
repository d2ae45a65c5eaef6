// The pages the shell can show, in navigation order. Each page adds one import and one entry;
// only pages that work are listed (no dead entries).
import type { ComponentType } from 'react';
import { AboutPage } from './about/AboutPage';
import { WizardPage } from './wizard/WizardPage';
import { ListenersPage } from './listeners/ListenersPage';
import { NetworkPage } from './network/NetworkPage';
import { ExplainPage } from './explain/ExplainPage';
import { ExposurePage } from './exposure/ExposurePage';
import { FriendPage } from './outside/FriendPage';
import { OutsidePage } from './outside/OutsidePage';
import { PortCheckPage } from './port-check/PortCheckPage';
import { ReferencePage } from './reference/ReferencePage';

export interface PageEntry {
  /** Stable id, also used in the URL hash and by e2e tests (data-page attribute). */
  id: string;
  title: string;
  /** One line under the title in the navigation. */
  hint: string;
  Component: ComponentType;
}

export const PAGES: readonly PageEntry[] = [
  { id: 'wizard', title: 'Friends can\'t join', hint: 'Find out why, and how to fix it', Component: WizardPage },
  { id: 'listeners', title: 'Listeners', hint: 'What is listening, and who can reach it', Component: ListenersPage },
  { id: 'exposure', title: 'Exposure', hint: 'What other devices can reach here', Component: ExposurePage },
  { id: 'network', title: 'Network', hint: 'Router, double NAT, CGNAT, public address, firewall', Component: NetworkPage },
  { id: 'port-check', title: 'Port check', hint: 'Is a port open, closed or blocked?', Component: PortCheckPage },
  { id: 'outside', title: 'Test from outside', hint: 'A phone or a friend tests your port, no server needed', Component: OutsidePage },
  { id: 'friend', title: "Test a friend's server", hint: 'Paste a friend code and knock on their port', Component: FriendPage },
  { id: 'reference', title: 'Port reference', hint: 'What is port N for? Is it risky?', Component: ReferencePage },
  { id: 'explain', title: 'Explainers', hint: 'Ports, NAT and firewalls in plain words', Component: ExplainPage },
  { id: 'about', title: 'About', hint: 'Version, platform and what this engine can see', Component: AboutPage },
];
