// The path a forwarded packet takes: a friend on the internet → the router's public address and
// port → the forward → this computer's private address and port → the host firewall → the program.
export function ForwardingPath() {
  return (
    <svg className="ex-figure" viewBox="0 0 700 184" role="img" aria-labelledby="fp-title fp-desc" data-testid="forwarding-path">
      <title id="fp-title">The path a forwarded connection takes</title>
      <desc id="fp-desc">
        A friend on the internet connects to the router&apos;s public address and port. The router&apos;s port forward sends it to this
        computer&apos;s private address and port, where the host firewall must let it through to the listening program.
      </desc>
      <defs>
        <marker id="fp-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className="ex-fig-arrowhead" />
        </marker>
      </defs>
      <g>
        <ellipse cx="85" cy="80" rx="75" ry="44" className="ex-fig-cloud" />
        <text x="85" y="74" textAnchor="middle" className="ex-fig-title">Internet</text>
        <text x="85" y="94" textAnchor="middle" className="ex-fig-small">a friend</text>
      </g>
      <g>
        <rect x="222" y="38" width="200" height="84" rx="10" className="ex-fig-box" />
        <text x="322" y="62" textAnchor="middle" className="ex-fig-title">Router</text>
        <text x="322" y="84" textAnchor="middle" className="ex-fig-small">public 203.0.113.7:25565</text>
        <text x="322" y="104" textAnchor="middle" className="ex-fig-small ex-fig-accent">forward → 192.168.1.10</text>
      </g>
      <g>
        <rect x="482" y="30" width="200" height="100" rx="10" className="ex-fig-box" />
        <text x="582" y="54" textAnchor="middle" className="ex-fig-title">This computer</text>
        <text x="582" y="74" textAnchor="middle" className="ex-fig-small">192.168.1.10:25565</text>
        <rect x="512" y="84" width="140" height="18" rx="4" className="ex-fig-firewall" />
        <text x="582" y="97" textAnchor="middle" className="ex-fig-small">host firewall</text>
        <text x="582" y="120" textAnchor="middle" className="ex-fig-small">server listening</text>
      </g>
      <line x1="162" y1="80" x2="218" y2="80" className="ex-fig-line" markerEnd="url(#fp-arrow)" />
      <line x1="424" y1="80" x2="478" y2="80" className="ex-fig-line" markerEnd="url(#fp-arrow)" />
      <text x="85" y="154" textAnchor="middle" className="ex-fig-step">1 · connects to the</text>
      <text x="85" y="170" textAnchor="middle" className="ex-fig-step">router&apos;s public address</text>
      <text x="322" y="154" textAnchor="middle" className="ex-fig-step">2 · the forward sends it</text>
      <text x="322" y="170" textAnchor="middle" className="ex-fig-step">to one private address</text>
      <text x="582" y="154" textAnchor="middle" className="ex-fig-step">3 · the firewall lets it in,</text>
      <text x="582" y="170" textAnchor="middle" className="ex-fig-step">the server answers</text>
    </svg>
  );
}
