// The pages the shell can show, in navigation order. Each page adds one entry; only pages that
// work are listed (no dead entries). The first page is in the first screen's JavaScript; every
// other page is a chunk of its own, loaded when opened (the first screen must stay ≤ 120 KB gzip:
// see scripts/initial-js.test.ts).
import { lazy, type ComponentType } from 'react';
import { WizardPage } from './wizard/WizardPage';

const AboutPage = lazy(() => import('./about/AboutPage').then((m) => ({ default: m.AboutPage })));
const ListenersPage = lazy(() => import('./listeners/ListenersPage').then((m) => ({ default: m.ListenersPage })));
const NetworkPage = lazy(() => import('./network/NetworkPage').then((m) => ({ default: m.NetworkPage })));
const ExplainPage = lazy(() => import('./explain/ExplainPage').then((m) => ({ default: m.ExplainPage })));
const ExposurePage = lazy(() => import('./exposure/ExposurePage').then((m) => ({ default: m.ExposurePage })));
const FriendPage = lazy(() => import('./outside/FriendPage').then((m) => ({ default: m.FriendPage })));
const OutsidePage = lazy(() => import('./outside/OutsidePage').then((m) => ({ default: m.OutsidePage })));
const PortCheckPage = lazy(() => import('./port-check/PortCheckPage').then((m) => ({ default: m.PortCheckPage })));
const ReferencePage = lazy(() => import('./reference/ReferencePage').then((m) => ({ default: m.ReferencePage })));

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
