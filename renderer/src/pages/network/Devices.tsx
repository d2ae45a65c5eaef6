// "Devices on this network": the neighbour table with each card's maker (or "private (randomized)
// address" for the MACs phones and laptops make up), and this computer's own interfaces.
import { devicesSummary, macMakerWords } from '../../../../shared/render/network';
import { useStore } from '../../store';

export function Devices() {
  const facts = useStore((s) => s.networkFacts);
  if (!facts) return null;
  const { devices } = facts.neighbours;
  return (
    <section className="panel net-devices" aria-labelledby="net-devices-title" data-testid="net-devices">
      <h2 id="net-devices-title">Devices on this network</h2>
      <p className="muted net-note">
        {devices.length === 0 ? (facts.neighbours.reason ?? 'None yet: this computer has not talked to another device on the network recently.') : `Devices this computer talked to recently: ${devicesSummary(facts)}.`}
      </p>
      {devices.length > 0 && (
        <table className="net-table">
          <thead>
            <tr><th>Address</th><th>MAC</th><th>Maker</th><th>Interface</th></tr>
          </thead>
          <tbody>
            {devices.map((d) => (
              <tr key={`${d.interfaceName ?? ''}|${d.address}`} data-mac-kind={d.macKind ?? 'none'}>
                <td className="mono">{d.address}{d.address === facts.gateway.address ? ' (router)' : ''}</td>
                <td className="mono">{d.mac ?? 'unknown'}</td>
                <td className={d.vendor ? '' : 'muted'}>{macMakerWords(d) ?? ''}</td>
                <td className="mono">{d.interfaceName ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3 className="net-subhead">This computer's interfaces</h3>
      <table className="net-table" data-testid="net-interfaces">
        <thead>
          <tr><th>Name</th><th>Addresses</th><th>MAC</th><th>Maker</th></tr>
        </thead>
        <tbody>
          {facts.interfaces.map((i) => (
            <tr key={i.name}>
              <td className="mono">{i.name}{i.isDefaultRoute ? ' (default route)' : ''}</td>
              <td className="mono">{i.addresses.map((a) => a.address).join(', ') || 'no address'}</td>
              <td className="mono">{i.mac ?? ''}</td>
              <td className={i.vendor ? '' : 'muted'}>{macMakerWords(i) ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
