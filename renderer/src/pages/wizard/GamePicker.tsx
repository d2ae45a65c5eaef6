// Step 1 of the wizard: pick the game (search) or type ports; the ports, ⚠ notes and relay modes show at once.
import { useMemo } from 'react';
import { presetById, presetTargets, searchPresets } from '../../../../shared/presets/catalog';
import { useStore } from '../../store';
import { typedPorts } from '../../store/wizard-slice';

export function GamePicker() {
  const query = useStore((s) => s.wizardQuery);
  const presetId = useStore((s) => s.wizardPresetId);
  const ports = useStore((s) => s.wizardPorts);
  const relay = useStore((s) => s.wizardRelay);
  const running = useStore((s) => s.wizardRunId !== null);
  const queryChanged = useStore((s) => s.wizardQueryChanged);
  const picked = useStore((s) => s.wizardPresetPicked);
  const portsChanged = useStore((s) => s.wizardPortsChanged);
  const relayChanged = useStore((s) => s.wizardRelayChanged);
  const started = useStore((s) => s.wizardCheckStarted);

  const found = useMemo(() => searchPresets(query), [query]);
  const preset = presetId ? presetById(presetId) : undefined;
  const typed = presetId === 'custom' ? typedPorts(ports) : undefined;
  const canCheck = !running && preset !== undefined && (presetId !== 'custom' || typed?.ok === true);

  return (
    <form
      className="panel wz-pick"
      onSubmit={(e) => {
        e.preventDefault();
        if (canCheck) void started();
      }}
    >
      <label className="wz-label" htmlFor="wz-search">
        Which game are you hosting?
      </label>
      <input id="wz-search" type="search" placeholder="Search: Minecraft, Valheim, cs2…" value={query} onChange={(e) => queryChanged(e.target.value)} autoComplete="off" />
      <ul className="wz-games" aria-label="Games">
        {found.map((p) => (
          <li key={p.id}>
            <button type="button" className={p.id === presetId ? 'wz-game selected' : 'wz-game'} aria-pressed={p.id === presetId} onClick={() => picked(p.id)} data-preset={p.id}>
              {p.name}
            </button>
          </li>
        ))}
        {found.length === 0 && <li className="muted">No game matches “{query}”. Pick “Custom port(s)” and type the ports.</li>}
      </ul>
      {preset && presetId !== 'custom' && (
        <div className="wz-preset" data-testid="wz-preset">
          <p>
            Friends need:{' '}
            {presetTargets(preset)
              .filter((t) => t.needed)
              .map((t) => `${t.protocol.toUpperCase()} ${t.port}`)
              .join(', ')}
            {preset.optional.length > 0 && (
              <span className="muted">
                {' '}
                · optional:{' '}
                {presetTargets(preset)
                  .filter((t) => !t.needed)
                  .map((t) => `${t.protocol.toUpperCase()} ${t.port} (${t.label})`)
                  .join(', ')}
              </span>
            )}
          </p>
          {preset.warnings.map((w) => (
            <p key={w} className="wz-warning">
              ⚠ {w}
            </p>
          ))}
          {preset.relayModes.map((m) => (
            <label key={m.name} className="wz-relay">
              <input type="checkbox" checked={relay === m.name} onChange={(e) => relayChanged(e.target.checked ? m.name : null)} /> My server runs with {m.name}
              <span className="muted"> — {m.howFriendsJoin}</span>
            </label>
          ))}
        </div>
      )}
      {presetId === 'custom' && (
        <div className="wz-preset">
          <label className="wz-label" htmlFor="wz-ports">
            Ports (add /udp for UDP)
          </label>
          <input id="wz-ports" placeholder="7777/udp, 7777/tcp" value={ports} onChange={(e) => portsChanged(e.target.value)} aria-invalid={ports.trim() !== '' && typed?.ok === false} />
          {ports.trim() !== '' && typed?.ok === false && <p className="wz-warning">{typed.message}</p>}
        </div>
      )}
      <div className="wz-actions">
        <button type="submit" className="primary" disabled={!canCheck}>
          Check
        </button>
        {!preset && <span className="muted">Pick a game first.</span>}
      </div>
    </form>
  );
}
