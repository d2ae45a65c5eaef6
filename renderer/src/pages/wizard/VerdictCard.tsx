// Step 3: the verdict — what is wrong, why we think so, the evidence, numbered fix steps, what to
// tell friends, the other findings, and "Check again".
import type { DiagnosisDocument, FixStep } from '../../../../shared/diagnosis/index';
import { factText, outsideText } from '../../../../shared/render/fact';
import { portWords } from '../../../../shared/render/diagnosis';
import { useStore } from '../../store';
import { OS_NAMES } from '../../../../shared/render/os-names';
import { ExplainLink } from '../../components/ExplainLink';
import { explainerForFinding } from '../../../../shared/explainers/for-diagnosis';
import { outsideOffer } from './outside-offer';


function Step({ s }: { s: FixStep }) {
  return (
    <li>
      {s.os && <span className="wz-os">{OS_NAMES[s.os]}</span>} {s.text}
    </li>
  );
}

/** The "?" next to a finding, leading to the explainer its cause relies on (none for `unknown`). */
function FindingExplainLink({ code }: { code: Parameters<typeof explainerForFinding>[0] }) {
  const id = explainerForFinding(code);
  return id ? <ExplainLink id={id} /> : null;
}

export function VerdictCard({ doc }: { doc: DiagnosisDocument }) {
  const restarted = useStore((s) => s.wizardRestarted);
  const again = useStore((s) => s.wizardCheckStarted);
  const reportOpened = useStore((s) => s.reportOpened);
  const v = doc.verdict;
  const main = doc.findings[v.finding];
  const tone = v.friendsCanJoin || v.cause === 'relay-game' ? 'ok' : v.cause === 'unknown' ? 'warn' : 'bad';
  const others = doc.findings.filter((_, i) => i !== v.finding);
  const explainer = main ? explainerForFinding(main.cause) : null;
  // Without a companion the wizard offers the phone/friend test above; this line is for when it cannot.
  const noCompanion = doc.plan.companion === null && outsideOffer(doc.plan.companion, doc.evidence.ports) === null;
  // Steps for this computer's OS (and those for every OS); the CLI and the report list them all.
  const fixSteps = main ? main.fixSteps.filter((s) => s.os === null || s.os === doc.evidence.os) : [];
  return (
    <section className={`panel wz-verdict ${tone}`} aria-labelledby="wz-verdict-title" data-cause={v.cause}>
      <h2 id="wz-verdict-title">{v.summary}</h2>
      {main && (
        <p className="wz-why">
          {main.explanation} {explainer && <ExplainLink id={explainer}>What this means</ExplainLink>}
        </p>
      )}
      {v.confidence !== 'high' && <p className="muted">How sure: {v.confidence}.</p>}
      {fixSteps.length > 0 && (
        <>
          <h3>How to fix it</h3>
          <ol className="wz-fix">
            {fixSteps.map((s, i) => (
              <Step key={i} s={s} />
            ))}
          </ol>
        </>
      )}
      <div className="wz-friends" data-kind={v.tellFriends.kind}>
        <h3>What to tell your friends</h3>
        <p>{v.tellFriends.text}</p>
        {v.tellFriends.address && <code className="wz-address">{v.tellFriends.address}</code>}
      </div>
      {noCompanion && (
        <p className="wz-outside">
          Nothing was tested from the internet: no companion is configured. Ask a friend to open a test link (<code>port-doctor invite {doc.plan.targets[0] ? `${doc.plan.targets[0].port}/${doc.plan.targets[0].protocol}` : ''}</code>), or run your own companion and set PD_COMPANION_URL.
        </p>
      )}
      {others.length > 0 && (
        <>
          <h3>Also found</h3>
          <ul className="wz-others">
            {others.map((f, i) => (
              <li key={i} data-cause={f.cause}>
                {f.summary} <FindingExplainLink code={f.cause} />
              </li>
            ))}
          </ul>
        </>
      )}
      <details className="wz-evidence">
        <summary>The evidence</summary>
        <dl>
          <dt>This computer</dt>
          <dd>{doc.evidence.network.lanAddress ?? 'unknown'}</dd>
          <dt>Public address</dt>
          <dd>{doc.evidence.network.publicAddress ?? 'unknown'}</dd>
          <dt>CGNAT</dt>
          <dd>{factText(doc.evidence.network.behindCgnat)}</dd>
          <dt>Double NAT</dt>
          <dd>{factText(doc.evidence.network.doubleNat)}</dd>
        </dl>
        {doc.evidence.ports.map((p) => (
          <dl key={`${p.port}/${p.protocol}`} className="wz-port-evidence">
            <dt className="wz-port-title">
              {portWords(p)} · {p.needed ? 'needed' : 'optional'} · {p.label}
            </dt>
            <dd />
            <dt>Listening</dt>
            <dd>{factText(p.listening)}</dd>
            <dt>Firewall lets it in</dt>
            <dd>{factText(p.firewallAllows)}</dd>
            <dt>From the internet</dt>
            <dd>{outsideText(p.outside)}</dd>
          </dl>
        ))}
      </details>
      <div className="wz-actions">
        <button type="button" className="primary" onClick={() => void again()}>
          Check again
        </button>
        <button type="button" onClick={restarted}>
          Pick another game
        </button>
        <button type="button" onClick={() => void reportOpened({ diagnosis: doc })} data-testid="wz-export">
          Export report
        </button>
      </div>
    </section>
  );
}
