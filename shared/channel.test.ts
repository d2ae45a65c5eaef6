// Channel-name grammar and the name → preload method mapping the bridge is built from.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHANNEL_NAME, methodName, subscriptionName } from './channel';

const word = fc.stringMatching(/^[a-z]{1,8}$/);
const part = fc.array(word, { minLength: 1, maxLength: 3 }).map((ws) => ws.join('-'));
const channelName = fc.tuple(part, part).map(([domain, verb]) => `${domain}:${verb}`);

describe('CHANNEL_NAME', () => {
  it.each(['app:info', 'listeners:list', 'probe:run', 'nat:detect', 'port-check:run', 'a:b-c-d'])('accepts %s', (name) => {
    expect(CHANNEL_NAME.test(name)).toBe(true);
  });

  it.each([
    'app',
    'app:',
    ':info',
    'app:info:extra',
    'App:info',
    'app:Info',
    'app_info:get',
    'app:info ',
    ' app:info',
    'app:-info',
    'app-:info',
    'app--x:info',
    'app:in fo',
    'app:info\n',
    '__proto__',
    'app:info2',
    '',
  ])('rejects %j', (name) => {
    expect(CHANNEL_NAME.test(name)).toBe(false);
  });

  it('accepts every name built from lower-case words, a colon and dashes', () => {
    fc.assert(fc.property(channelName, (name) => CHANNEL_NAME.test(name)));
  });
});

describe('methodName / subscriptionName', () => {
  it.each([
    ['app:info', 'appInfo', 'onAppInfo'],
    ['listeners:list', 'listenersList', 'onListenersList'],
    ['probe:progress', 'probeProgress', 'onProbeProgress'],
    ['companion:whoami', 'companionWhoami', 'onCompanionWhoami'],
    ['port-check:run-all', 'portCheckRunAll', 'onPortCheckRunAll'],
  ])('%s → %s / %s', (channel, method, subscription) => {
    expect(methodName(channel)).toBe(method);
    expect(subscriptionName(channel)).toBe(subscription);
  });

  it('gives a camelCase identifier: the same letters, one capital per separator', () => {
    fc.assert(
      fc.property(channelName, (name) => {
        const m = methodName(name);
        expect(m).toMatch(/^[a-z][A-Za-z]*$/);
        expect(m.toLowerCase()).toBe(name.replace(/[:-]/g, ''));
        expect(m.replace(/[^A-Z]/g, '').length).toBe(name.replace(/[^:-]/g, '').length);
        expect(subscriptionName(name)).toBe(`on${m.charAt(0).toUpperCase()}${m.slice(1)}`);
      }),
    );
  });

  it('is not injective in general (`a-b:c` and `a:b-c` meet), which is why the registry test checks real names', () => {
    expect(methodName('a-b:c')).toBe(methodName('a:b-c'));
  });
});
