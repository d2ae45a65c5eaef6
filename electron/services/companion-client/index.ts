// The app's companion client: whoami, verified port checks, STUN/NAT detection, configuration.
export { checkPort, type PortCheckDetail, type PortCheckOutcome } from './check';
export { companionStunServers, companionUrl, stunServers, DEFAULT_STUN_SERVERS, NO_COMPANION_MESSAGE } from './config';
export { detectNat, classifyMapping, parseStunServer, type NatReport, type StunServer } from './stun-client';
export { whoami, type WhoamiOutcome } from './whoami';
